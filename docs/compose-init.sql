-- The compose `postgres` profile: one database per side (the services share no database).
CREATE DATABASE coopline_events OWNER coopline;
CREATE DATABASE coopline_projections OWNER coopline;

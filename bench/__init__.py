"""`make bench`: Coopline's benchmark (see bench/README.md)."""

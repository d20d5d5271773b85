"""`coopline`: the command-line client of DESIGN §8.

It talks to the services over HTTP only (never imports `services.ingest` or `services.query`);
`up` starts them as child processes. Each command lives in its own module with a
`register(subparsers, common)` that adds its parser and handler.
"""

"""The county's HTTP API as routers, one per concern: devices (health, nonces, enrolment),
batches (start → parts → commit → receipt, the state machine in `county_server.batches`),
publications and records down. `county_server.api.create_app` mounts them."""

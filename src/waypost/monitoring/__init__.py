"""Running Waypost: liveness and readiness, Prometheus metrics, request ids and JSON logs (docs/adr/0036)."""

"""Log lines as JSON objects (WAYPOST_LOG_FORMAT=json), each with the request id, and paths kept out of logs."""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

from waypost.monitoring.request_context import CURRENT_REQUEST_ID, request_id_of, route_name

# Set by the request log line (request_context.log_request); copied into the JSON object when present
REQUEST_FIELDS = ("route", "method", "status", "duration_ms")
# Django's loggers that write the request's path into their message ("Not Found: /referral-link/TOKEN")
PATH_LOGGERS = ("django.request", "django.security")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_of(getattr(record, "request", None)) or CURRENT_REQUEST_ID.get()
        return True


class PathRedactingFilter(logging.Filter):
    """Replaces the path in Django's request warnings with the route name: a path can hold a token."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if record.name.startswith(PATH_LOGGERS) and request is not None and isinstance(record.args, tuple):
            path = getattr(request, "path", None)
            record.args = tuple(route_name(request) if argument == path else argument for argument in record.args)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", CURRENT_REQUEST_ID.get()),
        }
        entry.update({field: getattr(record, field) for field in REQUEST_FIELDS if hasattr(record, field)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

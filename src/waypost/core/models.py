from waypost.core.audit import AuditAction, AuditEvent

__all__ = ["AuditAction", "AuditEvent"]

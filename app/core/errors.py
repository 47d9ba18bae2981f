"""Errors the domain raises. Each names the field and the rule that was broken."""


class ZhucunError(Exception):
    """Base of every error the application reports to a person."""


class ValidationError(ZhucunError):
    """Input broke a rule. `field` names the input, `rule` the rule, in a few words."""

    def __init__(self, field: str, rule: str, message: str | None = None):
        self.field = field
        self.rule = rule
        super().__init__(message or f"{field}: {rule}")

    def as_dict(self) -> dict:
        return {"error": "invalid", "field": self.field, "rule": self.rule, "message": str(self)}


class NotFound(ZhucunError):
    """A record that was asked for does not exist (or is deleted)."""


class AccessDenied(ZhucunError):
    """Wrong passphrase or recovery code, unknown user, or no store."""


class StateError(ZhucunError):
    """An action is not allowed in the record's present state (e.g. a monitoring step out of order)."""

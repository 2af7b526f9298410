"""The one error a backup or restore reports to the operator."""


class CadanganError(ValueError):
    """A backup that cannot be made or used, with the reason in Bahasa Indonesia."""

class StaleVersion(Exception):
    """The object changed since the editor loaded it: the save is refused, nothing is overwritten."""

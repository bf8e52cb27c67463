"""The one error of importing content: a file that does not parse, or parses but cannot be stored."""

from functools import partial

from sdprep.errors import DomainError


class ImportProblem(DomainError):
    """A problem in an imported file, located by path and 1-based line (0: no one line)."""

    status = 422

    def __init__(
        self, message: str, *, path: str = "", line: int = 0, status: int | None = None, code: str = ""
    ):
        super().__init__(message, status=status, code=code)
        self.path, self.line = path, line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.path else self.message

    def __reduce__(self):
        # Exception pickles as cls(*args), which would drop the keyword-only location.
        rebuild = partial(type(self), path=self.path, line=self.line, status=self.status, code=self.code)
        return rebuild, (self.message,)

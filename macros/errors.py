"""The one error an editor can cause: a data file or a page that breaks the rules, said in Danish."""


class DataError(Exception):
    """Collects every problem found, so an editor fixes them all in one round instead of one per CI run."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        return f"Sitet kan ikke bygges. Ret {len(self.problems)} fejl:\n{lines}"


def raise_if_any(problems: list[str]) -> None:
    if problems:
        raise DataError(problems)

"""schemeth: a Guile-dialect Scheme in Python with first-class delimited continuations and ethreads."""
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """Load the interpreter lazily so `python -m schemeth` starts fast."""
    if name == "Interpreter":
        from .interpreter import Interpreter
        return Interpreter
    raise AttributeError(name)

"""Plain text that YAML 1.1 readers (PyYAML, and Ruby's Psych behind Jekyll) would read as something else: what
the house style single-quotes. No PyYAML here: the checks use it when a file opens, before anything is saved."""
import re

# Strings that some YAML 1.1 reader would turn into a number.
NUMBER_LIKE = re.compile(r"[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\.[0-9_]+|[0-9][0-9_,]*(?:\.[0-9_]*)?"
                          r"(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_,]+|0b[01_,]+|0o[0-7_]+)")
# Words that Psych reads as true, false or nil in any letter case (PyYAML's resolver knows three spellings each).
PSYCH_WORDS = re.compile(r"(?i:yes|no|true|false|on|off|null)")


def quoted_by_house_style(data: str) -> bool:
    """True for a string written single-quoted whatever PyYAML would choose: a number or Psych word look-alike."""
    return NUMBER_LIKE.fullmatch(data) is not None or PSYCH_WORDS.fullmatch(data) is not None

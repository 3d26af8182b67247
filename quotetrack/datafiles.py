"""The YAML data files that hold quotetrack's language knowledge, read the same (fast) way everywhere."""
from __future__ import annotations

import yaml

# libyaml's parser when PyYAML was built with it: the lexicons and the knowledge base load ~6× faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """Parse YAML text; raises yaml.YAMLError like yaml.safe_load."""
    return yaml.load(text, Loader=_LOADER)


"""mkdocs hooks that keep pages from drifting from the code and the README.

`<!-- readme: Heading -->` is replaced by that section of README.md (from its
heading to the next heading of the same or a higher level), so the guides
show the README's current text and figures instead of a copy.

`<!-- members: module -->` becomes a mkdocstrings block listing the module's
public names (its `__all__` when the module builds it at import time, as
nnlite does), minus submodules, which have pages of their own.
"""
import importlib
import pathlib
import re
import types

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
MARKER = re.compile(r"<!-- readme: (.+?) -->")


def readme_section(title: str) -> str:
    lines = README.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"(#+) (.*)$", line)
        if m and m.group(2).strip() == title:
            level, body = len(m.group(1)), []
            for nxt in lines[i + 1:]:
                h = re.match(r"(#+) ", nxt)
                if h and len(h.group(1)) <= level:
                    break
                body.append(nxt)
            # links into the repository (docs/x.md) are pages of this site
            return re.sub(r"\]\(docs/", "](", "\n".join(body))
    raise ValueError(f"README.md has no section '{title}' (docs hook readme_sections)")


def members_block(module_name: str) -> str:
    mod = importlib.import_module(module_name)
    names = sorted(n for n in getattr(mod, "__all__", dir(mod))
                   if not n.startswith("_") and not isinstance(getattr(mod, n, None), types.ModuleType))
    return f"::: {module_name}\n    options:\n      members: [{', '.join(names)}]\n"


def on_page_markdown(markdown, page, config, files):
    markdown = re.sub(r"<!-- members: ([\w.]+) -->", lambda m: members_block(m.group(1)), markdown)
    return MARKER.sub(lambda m: readme_section(m.group(1)), markdown)

"""Print the project's run-time dependencies and its build extra (PyInstaller) from
pyproject.toml, one per line: what the compat build installs, without installing the project."""
import sys
import tomllib

with open(sys.argv[1], "rb") as f:
    project = tomllib.load(f)["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))

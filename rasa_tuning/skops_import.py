"""Make `import skops.io` take about a second instead of five to eight inside a Rasa process.

Rasa 3.6 stores its LogisticRegressionClassifier with skops and imports skops when the model is
trained or loaded. At import, skops lists numpy's and scipy's public functions, and for each one
without a ``__module__`` it walks all of ``sys.modules`` (copied from pickle's ``whichmodule``),
formatting an error message, module reprs included, for every module that lacks the name. Inside
a Rasa server (TensorFlow, JAX and Rasa loaded: over 5,000 modules) that took 5.7 s of a 10.9 s
cold start here (measured from the server's debug log and with cProfile).

The replacement walks the same modules in the same order and returns the same module name; it
only skips the work the original throws away: the error messages, and the failing ``getattr``
on plain modules, whose attributes are exactly their ``__dict__`` (no module ``__getattr__``, not
a ModuleType subclass); any other module still gets a real ``getattr``. It is put in place by a
one-shot import hook, right after ``skops.io._utils`` executes and before skops uses it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Any

TARGET = "skops.io._utils"
_MISSING = object()


def whichmodule(obj: Any, name: str) -> str:
    """Same contract and result as skops' ``whichmodule``, without the per-miss error strings."""
    module_name = getattr(obj, "__module__", None)
    if module_name is not None:
        return module_name
    parts = name.split(".")
    if "<locals>" not in parts:
        for module_name, module in sys.modules.copy().items():
            if module_name in ("__main__", "__mp_main__") or module is None:
                continue
            target: Any = _first_attribute(module, parts[0])
            for part in parts[1:]:
                if target is _MISSING:
                    break
                target = getattr(target, part, _MISSING)
            if target is obj:
                return module_name
    return "__main__"


def _first_attribute(module: Any, name: str) -> Any:
    namespace = getattr(module, "__dict__", None)
    if type(module) is ModuleType and isinstance(namespace, dict):
        if name in namespace:
            return namespace[name]
        if "__getattr__" not in namespace and not hasattr(ModuleType, name):
            return _MISSING
    return getattr(module, name, _MISSING)


class _PatchSkopsUtils(importlib.abc.MetaPathFinder):
    """Finds ``skops.io._utils`` with the normal finders and patches it as soon as it has run."""

    def find_spec(self, fullname: str, path: Any, target: ModuleType | None = None) -> Any:
        if fullname != TARGET:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        run_module = spec.loader.exec_module

        def exec_and_patch(module: ModuleType) -> None:
            run_module(module)
            module.skops_whichmodule = module.whichmodule  # kept so tests can compare results
            module.whichmodule = whichmodule

        spec.loader.exec_module = exec_and_patch  # type: ignore[method-assign]
        return spec


def install() -> None:
    """Patch skops now if it is loaded, or when it is first imported (idempotent)."""
    loaded = sys.modules.get(TARGET)
    if loaded is not None:
        if loaded.whichmodule is not whichmodule:
            loaded.skops_whichmodule, loaded.whichmodule = loaded.whichmodule, whichmodule
        return
    if not any(isinstance(finder, _PatchSkopsUtils) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchSkopsUtils())

"""Run the prediction graph in a plain loop instead of through dask.

Rasa 3.6 runs its trained graph with ``DaskGraphRunner`` two or three times per message (parse,
then one policy prediction per action). Each run rebuilds the minimal schema, a dask task graph,
dask's ordering and its task bookkeeping for a graph of a dozen nodes that runs on one thread
anyway (``dask.get`` is dask's synchronous scheduler). py-spy on the Rasa server under 20
concurrent users put about 9% of its CPU in that bookkeeping (``DaskGraphRunner.run`` minus the
nodes themselves).

``SequentialGraphRunner`` runs the same nodes with the same inputs: the minimal schema and a
topological order are worked out once per set of targets, then each node is called with its
parents' outputs exactly as dask calls it (an input that nothing provides is passed as its name,
which ``GraphNode`` reports as dask's unresolved input). Only the server's prediction path uses
it; training keeps dask (its caching and fingerprinting hooks are untouched).
"""

from __future__ import annotations

import logging
from graphlib import TopologicalSorter
from typing import Any, Optional

import rasa.core.processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import ExecutionContext, GraphNode, GraphNodeHook, GraphSchema
from rasa.engine.runner.interface import GraphRunner
from rasa.engine.storage.storage import ModelStorage

from rasa_tuning._replace import replace

logger = logging.getLogger(__name__)

_Plan = tuple[tuple[tuple[str, GraphNode, tuple[str, ...]], ...], tuple[str, ...]]


class SequentialGraphRunner(GraphRunner):
    """A ``GraphRunner`` for one thread: same nodes, same calls, no scheduler."""

    def __init__(self, graph_schema: GraphSchema, model_storage: ModelStorage,
                 execution_context: ExecutionContext, hooks: Optional[list[GraphNodeHook]] = None) -> None:
        self._graph_schema = graph_schema
        self._nodes = {
            name: GraphNode.from_schema_node(name, node, model_storage, execution_context, hooks)
            for name, node in graph_schema.nodes.items()
        }
        self._plans: dict[tuple[str, ...], _Plan] = {}

    @classmethod
    def create(cls, graph_schema: GraphSchema, model_storage: ModelStorage,
               execution_context: ExecutionContext,
               hooks: Optional[list[GraphNodeHook]] = None) -> SequentialGraphRunner:
        return cls(graph_schema, model_storage, execution_context, hooks)

    def _plan(self, targets: tuple[str, ...]) -> _Plan:
        """The nodes the targets depend on, each after its parents (worked out once per targets)."""
        plan = self._plans.get(targets)
        if plan is None:
            schema = self._graph_schema.minimal_graph_schema(list(targets)).nodes
            order = TopologicalSorter(
                {name: [parent for parent in node.needs.values() if parent in schema]
                 for name, node in schema.items()}
            ).static_order()
            steps = tuple((name, self._nodes[name], tuple(schema[name].needs.values())) for name in order)
            plan = self._plans[targets] = (steps, targets)
        return plan

    def run(self, inputs: Optional[dict[str, Any]] = None,
            targets: Optional[list[str]] = None) -> dict[str, Any]:
        steps, run_targets = self._plan(tuple(targets or self._graph_schema.target_names))
        outputs: dict[str, Any] = {}
        for name, value in (inputs or {}).items():
            if isinstance(value, str) and value in self._nodes:
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                    f"names passed to the `run` method are the same as node names in the graph schema."
                )
            outputs[name] = (name, value)
        try:
            for name, node, parents in steps:
                outputs[name] = node(*(outputs.get(parent, parent) for parent in parents))
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(outputs[target] for target in run_targets)


def install() -> None:
    """Make the message processor load its graph with ``SequentialGraphRunner`` (idempotent)."""
    replace(rasa.core.processor, "DaskGraphRunner", SequentialGraphRunner)

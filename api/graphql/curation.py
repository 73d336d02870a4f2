"""Curation over GraphQL: the `curate*` mutations (behind the API key) and `curationLog`.

Why thin: each mutation calls the very function `kg curate` calls (loaders/curation.py), so
a decision taken in a browser is logged, applied and replayed exactly like one taken in a
terminal. `who` is "api" (the API has one key, without a name). Split and undo re-extract
the documents they rebuild in this process, so a request may rebuild at most
MAX_REBUILD_DOCUMENTS of them; bigger ones are for `kg curate`.
"""

# No `from __future__ import annotations`: strawberry reads the annotations.

import enum
from collections.abc import Callable
from typing import Any, Optional

import strawberry
from strawberry import Info

from api.auth import require_api_key
from api.graphql.errors import UserError
from api.text_input import well_formed
from graph.curation import LoggedDecision, get_decision, list_decisions
from graph.ontology import CurationAction

#: Who the log names for decisions taken through the API.
API_CURATOR = "api"
#: Input caps: ids and names are short; a reason is a sentence or two.
MAX_NAME_CHARS = 500
MAX_NAMES = 20
MAX_WHY_CHARS = 2000
MAX_FACT_CHARS = 2000
#: Documents one split or undo request may re-extract (CPU work in the API process).
MAX_REBUILD_DOCUMENTS = 200
#: Most decisions one `curationLog` answer lists.
MAX_LOG_SIZE = 1000


@strawberry.enum(name="CurationAction", description="What a curation decision does.")
class CurationActionEnum(enum.Enum):
    MERGE = CurationAction.MERGE.value
    SPLIT = CurationAction.SPLIT.value
    ALIAS_ADD = CurationAction.ALIAS_ADD.value
    ALIAS_REMOVE = CurationAction.ALIAS_REMOVE.value
    REJECT = CurationAction.REJECT.value


@strawberry.type(description="A curator's decision from the curation log.")
class CurationDecision:
    id: strawberry.ID
    action: CurationActionEnum
    label: str = strawberry.field(description="Label of the entities decided about.")
    arguments: str = strawberry.field(description="The decision in one line, as `kg curate log`.")
    nodes: list[str] = strawberry.field(description="Ids of the entities it is about.")
    keep: Optional[str] = strawberry.field(description="merge: the id that stays.")  # noqa: UP045
    absorbed: list[str] = strawberry.field(description="merge: the ids that became `keep`.")
    names: list[str] = strawberry.field(description="split: names moved; alias: the alias.")
    new_id: Optional[str] = strawberry.field(description="split: the new node's id.")  # noqa: UP045
    fact: Optional[str] = strawberry.field(description="reject: the fact key.")  # noqa: UP045
    who: str
    at: str = strawberry.field(description="When it was decided (ISO 8601).")
    why: Optional[str]  # noqa: UP045
    active: bool = strawberry.field(description="False once undone.")
    undone_by: Optional[str]  # noqa: UP045
    undone_at: Optional[str]  # noqa: UP045


@strawberry.type(description="What a curation mutation did.")
class CurationResult:
    decision: CurationDecision
    summary: str
    documents_rebuilt: int = strawberry.field(
        description="Documents re-extracted and rewritten (split and undo)."
    )


def _decision(entry: LoggedDecision) -> CurationDecision:
    from loaders.curation import describe

    d = entry.decision
    return CurationDecision(
        id=strawberry.ID(d.id),
        action=CurationActionEnum(d.action.value),
        label=d.label,
        arguments=describe(d),
        nodes=list(d.nodes),
        keep=d.keep,
        absorbed=list(d.absorbed),
        names=list(d.names),
        new_id=d.new_id,
        fact=d.fact,
        who=entry.who,
        at=entry.at,
        why=entry.why,
        active=entry.active,
        undone_by=entry.undone_by,
        undone_at=entry.undone_at,
    )


def _checked(value: str, field: str, limit: int = MAX_NAME_CHARS) -> str:
    well_formed(value, field)
    if not value.strip() or len(value) > limit:
        raise UserError(f"{field} must be 1 to {limit} characters")
    return value


def _why(why: Optional[str]) -> Optional[str]:  # noqa: UP045
    return None if why is None else _checked(why, "why", MAX_WHY_CHARS)


async def _run(info: Info, action: Callable[..., Any], *args: Any, **kwargs: Any) -> CurationResult:
    """Check the key, run the action off the event loop, read back the decision it logged."""
    from loaders.curation import CurationError

    context = info.context
    require_api_key(context.settings, context.authorization)
    driver, settings = context.driver, context.settings

    def work() -> tuple[Any, LoggedDecision | None]:
        outcome = action(driver, settings, *args, **kwargs)
        return outcome, get_decision(driver, settings.neo4j_database, outcome.decision.id)

    try:
        outcome, logged = await context.write(work)
    except CurationError as error:
        raise UserError(str(error)) from None
    assert logged is not None
    return CurationResult(
        decision=_decision(logged),
        summary=outcome.summary,
        documents_rebuilt=outcome.documents_rebuilt,
    )


@strawberry.type
class CurationMutation:
    @strawberry.mutation(
        description="Merge two nodes of `label` (ids or names) into one, like `kg curate merge`; "
        "later loads keep them one. Needs the API key."
    )
    async def curate_merge(
        self,
        info: Info,
        label: str,
        first: str,
        second: str,
        why: Optional[str] = None,  # noqa: UP045
    ) -> CurationResult:
        from loaders.curation import merge

        args = (_checked(label, "label"), _checked(first, "first"), _checked(second, "second"))
        return await _run(info, merge, *args, who=API_CURATOR, why=_why(why))

    @strawberry.mutation(
        description="Move `names` of a node, and what the documents using them say, to a new "
        "node, like `kg curate split`; rebuilds the node's documents. Needs the API key."
    )
    async def curate_split(
        self,
        info: Info,
        label: str,
        id: str,  # noqa: A002
        names: list[str],
        why: Optional[str] = None,  # noqa: UP045
    ) -> CurationResult:
        from loaders.curation import split

        if not names or len(names) > MAX_NAMES:
            raise UserError(f"give 1 to {MAX_NAMES} names")
        checked = [_checked(name, "names") for name in names]
        return await _run(
            info,
            split,
            _checked(label, "label"),
            _checked(id, "id"),
            checked,
            who=API_CURATOR,
            why=_why(why),
            max_documents=MAX_REBUILD_DOCUMENTS,
        )

    @strawberry.mutation(description="Give a node one more name. Needs the API key.")
    async def curate_add_alias(
        self,
        info: Info,
        label: str,
        id: str,  # noqa: A002
        alias: str,
        why: Optional[str] = None,  # noqa: UP045
    ) -> CurationResult:
        from loaders.curation import alias_add

        args = (_checked(label, "label"), _checked(id, "id"), _checked(alias, "alias"))
        return await _run(info, alias_add, *args, who=API_CURATOR, why=_why(why))

    @strawberry.mutation(
        description="Take a name from a node; later documents using it no longer give it "
        "to this node. Needs the API key."
    )
    async def curate_remove_alias(
        self,
        info: Info,
        label: str,
        id: str,  # noqa: A002
        alias: str,
        why: Optional[str] = None,  # noqa: UP045
    ) -> CurationResult:
        from loaders.curation import alias_remove

        args = (_checked(label, "label"), _checked(id, "id"), _checked(alias, "alias"))
        return await _run(info, alias_remove, *args, who=API_CURATOR, why=_why(why))

    @strawberry.mutation(
        description="Delete a wrong fact (key TYPE|startId|endId, as the explorer shows it) "
        "with its evidence; no document can state it again. Needs the API key."
    )
    async def curate_reject(
        self,
        info: Info,
        fact: str,
        why: Optional[str] = None,  # noqa: UP045
    ) -> CurationResult:
        from loaders.curation import reject

        checked = _checked(fact, "fact", MAX_FACT_CHARS)
        return await _run(info, reject, checked, who=API_CURATOR, why=_why(why))

    @strawberry.mutation(
        description="Undo a decision of the curation log; the documents naming the nodes it "
        "touched are rebuilt without it. Needs the API key."
    )
    async def curate_undo(self, info: Info, decision_id: strawberry.ID) -> CurationResult:
        from loaders.curation import undo

        checked = _checked(str(decision_id), "decisionId")
        return await _run(info, undo, checked, who=API_CURATOR, max_documents=MAX_REBUILD_DOCUMENTS)


@strawberry.type
class CurationQueries:
    @strawberry.field(
        description=f"The curation log, newest first (at most {MAX_LOG_SIZE} decisions); "
        "`activeOnly` leaves out undone ones."
    )
    async def curation_log(
        self, info: Info, first: int = 50, active_only: bool = False
    ) -> list[CurationDecision]:
        if not 1 <= first <= MAX_LOG_SIZE:
            raise UserError(f"first must be 1 to {MAX_LOG_SIZE}")
        context = info.context
        entries = await context.read(
            list_decisions, context.driver, context.settings.neo4j_database, first, active_only
        )
        return [_decision(entry) for entry in entries]

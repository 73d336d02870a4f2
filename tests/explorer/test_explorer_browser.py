"""The explorer as an analyst uses it, in headless chromium, against the example documents.

Each flow is checked against Cypher on the same database: what the page draws or lists is
what the graph holds.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import httpx
from explorer_helpers import PageLog, open_view, screenshot, wait_ready
from playwright.sync_api import Page, expect

from graph.ontology import FACT_RELATIONSHIP_TYPES, Phase

FACTS = "|".join(FACT_RELATIONSHIP_TYPES)


def entity_route(label: str, entity_id: str, view: str = "") -> str:
    return f"#/entity/{label}/{entity_id}" + (f"/{view}" if view else "")


def wait_view(page: Page, view: str) -> None:
    page.wait_for_selector(f"main[data-state='ready'][data-view='{view}']", timeout=15_000)


def test_search_suggests_names_and_aliases_grouped_by_type_and_opens_the_choice(page: Page):
    open_view(page, "")
    search = page.get_by_role("combobox", name="Search drugs")
    search.press_sequentially("nordhavn")
    listbox = page.get_by_role("listbox", name="Search results")
    expect(listbox).to_be_visible()
    groups = listbox.get_by_role("group")
    expect(groups.first).to_have_attribute("data-type", "Site")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)
    expect(listbox).to_contain_text("Nordhavn University Hospital")
    screenshot(page, "search")

    # Keyboard only: move to an option and open it.
    search.press("ArrowDown")
    active = page.locator(f"#{search.get_attribute('aria-activedescendant')}")
    chosen = active.inner_text().strip()
    search.press("Enter")
    wait_view(page, "entity-overview")
    expect(page.get_by_role("heading", level=1)).to_have_text(chosen)
    expect(page.locator("h1")).to_be_focused()


def test_search_by_alias_finds_the_entity_and_says_which_alias_matched(page: Page, cypher):
    (row,) = cypher("MATCH (d:Drug) WHERE 'HP-118' IN d.aliases RETURN d.name AS name")
    open_view(page, "")
    page.get_by_role("combobox", name="Search drugs").press_sequentially("HP-118")
    option = page.get_by_role("option").filter(has_text=row["name"]).first
    expect(option).to_be_visible()
    expect(option).to_have_attribute("data-type", "Drug")
    expect(option).to_contain_text("HP-118")


def test_entity_page_shows_properties_xrefs_and_a_picture_of_every_neighbour(page: Page, cypher):
    (expected,) = cypher(
        f"MATCH (d:Drug {{id: 'drug:brivanacept'}})-[r:{FACTS}]-(m) "
        "RETURN count(DISTINCT m) AS neighbours, count(r) AS relationships, d AS drug"
    )
    open_view(page, entity_route("Drug", "drug:brivanacept"))
    expect(page.locator("h1")).to_have_text("brivanacept")
    graph = page.locator("#graph")
    expect(graph).to_have_attribute("data-node-count", str(expected["neighbours"] + 1))
    expect(graph).to_have_attribute("data-edge-count", str(expected["relationships"]))
    drawn = page.evaluate("() => window.explorer.cy.nodes().map(n => n.data('type'))")
    assert len(drawn) == expected["neighbours"] + 1
    colours = page.evaluate(
        "() => Object.fromEntries(window.explorer.cy.nodes().map("
        "n => [n.data('type'), n.style('background-color')]))"
    )
    assert len(set(colours.values())) == len(colours) >= 3  # one colour per type
    rows = page.locator("#relationships-table tbody tr")
    expect(rows).to_have_count(expected["relationships"])
    drug = expected["drug"]
    if drug.get("highestPhase"):
        expect(page.locator(".props")).to_contain_text("Highest phase")
    for xref in drug.get("xrefs") or []:
        expect(page.locator(".xrefs")).to_contain_text(xref)


def _click_graph_element(page: Page, selector: str) -> None:
    """A real mouse click on a Cytoscape element, at its rendered position in the canvas."""
    point = page.evaluate(
        """(selector) => {
            const ele = window.explorer.cy.$(selector);
            const p = ele.isNode() ? ele.renderedPosition() : ele.renderedMidpoint();
            return {x: p.x, y: p.y};
        }""",
        selector,
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_clicking_an_edge_shows_its_evidence_sentence_document_and_date(page: Page, cypher):
    (fact,) = cypher(
        "MATCH (d:Drug {id: 'drug:brivanacept'})-[r:TARGETS]->(t:Target) "
        "MATCH (doc:Document)-[s:SUPPORTS {fact: 'TARGETS|' + d.id + '|' + t.id}]->(d) "
        "RETURN t.id AS target, t.name AS name, s.sentence AS sentence, "
        "doc.title AS title, toString(doc.publishedAt) AS date"
    )
    open_view(page, entity_route("Drug", "drug:brivanacept"))
    edge_id = page.evaluate(
        "(target) => window.explorer.cy.edges().filter(e => e.target().id() === target)[0].id()",
        fact["target"],
    )
    _click_graph_element(page, f"#{edge_id}")
    panel = page.locator("#evidence-panel")
    expect(panel.get_by_role("heading", level=2)).to_have_text(
        f"Evidence: brivanacept targets {fact['name']}"
    )
    expect(panel.locator("blockquote").first).to_have_text(fact["sentence"])
    expect(panel).to_contain_text(fact["title"])
    expect(panel).to_contain_text(fact["date"])
    expect(panel.get_by_role("heading", level=2)).to_be_focused()
    # the edge's "Open in Neo4j Browser" Cypher reads the same evidence from the graph
    browser = panel.get_by_role("link", name="Open in Neo4j Browser").first.get_attribute("href")
    rows = cypher(parse_qs(urlsplit(browser).query)["arg"][0])
    assert fact["sentence"] in [row["sentence"] for row in rows]
    screenshot(page, "entity-evidence")


def test_evidence_is_reachable_from_the_keyboard_through_the_table(page: Page, cypher):
    (fact,) = cypher(
        "MATCH (:Company {id: 'company:halvorsen'})-[r:DEVELOPS]->"
        "(:Drug {id: 'drug:brivanacept'}) "
        "RETURN COLLECT { MATCH (:Document)-[s:SUPPORTS "
        "{fact: 'DEVELOPS|company:halvorsen|drug:brivanacept'}]->() "
        "RETURN s.sentence } AS sentences"
    )
    open_view(page, entity_route("Company", "company:halvorsen"))
    button = page.get_by_role("button", name="Evidence: Halvorsen Pharma develops brivanacept")
    button.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#evidence-panel")
    expect(panel.locator("blockquote")).to_have_count(len(fact["sentences"]))
    expect(panel.locator("blockquote").first).to_have_text(fact["sentences"][0])


def test_clicking_a_node_opens_its_page(page: Page, cypher):
    open_view(page, entity_route("Drug", "drug:brivanacept"))
    _click_graph_element(page, "[type = 'Company']")
    wait_view(page, "entity-overview")
    expect(page.locator(".type-badge")).to_have_text("Company")
    (company,) = cypher(
        "MATCH (c:Company)-[:DEVELOPS]->(:Drug {id: 'drug:brivanacept'}) RETURN c.name AS name"
    )
    expect(page.locator("h1")).to_have_text(company["name"])


def test_disease_landscape_lists_its_drugs_with_company_phase_and_latest_news_sortably(
    page: Page, cypher
):
    expected = cypher(
        "MATCH (:Disease {id: 'disease:rheumatoid-arthritis'})<-[:INDICATED_FOR]-(d:Drug) "
        "OPTIONAL MATCH (c:Company)-[:DEVELOPS]->(d) "
        "OPTIONAL MATCH (doc:Document)-[:MENTIONS]->(d) "
        "RETURN d.name AS drug, collect(DISTINCT c.name) AS companies, "
        "toString(max(doc.publishedAt)) AS latest ORDER BY drug"
    )
    assert len(expected) >= 2
    open_view(page, entity_route("Disease", "disease:rheumatoid-arthritis", "landscape"))
    table = page.locator("#landscape-table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(expected))
    for want in expected:
        row = rows.filter(has=page.get_by_role("link", name=want["drug"], exact=True))
        for company in want["companies"]:
            expect(row).to_contain_text(company)
        expect(row).to_contain_text(want["latest"])

    screenshot(page, "landscape")
    table.get_by_role("button", name="Drug").click()
    names = [want["drug"] for want in expected]
    assert rows.locator("td:first-child").all_inner_texts() == names
    expect(table.locator("th[aria-sort='ascending']")).to_have_text("Drug ▲")
    table.get_by_role("button", name="Drug").click()
    assert rows.locator("td:first-child").all_inner_texts() == names[::-1]


def furthest_phase(phases: list[str | None]) -> str:
    """The furthest stage among a drug's own and its trials' phases, as the page derives it."""
    order = [phase.value for phase in Phase]
    return max((p for p in phases if p), key=order.index, default="UNKNOWN")


def test_company_pipeline_groups_its_drugs_by_highest_phase(page: Page, cypher):
    rows = cypher(
        "MATCH (:Company {id: 'company:halvorsen'})-[:DEVELOPS]->(d:Drug) "
        "OPTIONAL MATCH (t:Trial)-[:EVALUATES]->(d) "
        "WITH d, collect(t.phase) AS trial_phases "
        "RETURN d.name AS drug, [d.highestPhase] + trial_phases AS phases"
    )
    expected = [{"drug": r["drug"], "phase": furthest_phase(r["phases"])} for r in rows]
    assert any(want["phase"] != "UNKNOWN" for want in expected)  # the trial's phase counts
    open_view(page, entity_route("Company", "company:halvorsen", "pipeline"))
    for want in expected:
        column = page.locator(f".pipeline-column[data-phase='{want['phase']}']")
        expect(column.get_by_role("link", name=want["drug"], exact=True)).to_be_visible()
    expect(page.locator(".pipeline-card")).to_have_count(len(expected))
    screenshot(page, "pipeline")


def test_timeline_lists_the_documents_newest_first_with_what_each_added(page: Page, cypher):
    expected = cypher(
        "MATCH (doc:Document)-[:MENTIONS]->(:Trial {id: 'trial:anchor-1'}) "
        "RETURN doc.title AS title, toString(doc.publishedAt) AS date ORDER BY date DESC"
    )
    open_view(page, entity_route("Trial", "trial:anchor-1", "timeline"))
    entries = page.locator("#timeline > li")
    expect(entries).to_have_count(len(expected))
    assert entries.locator("time").all_inner_texts() == [row["date"] for row in expected]
    expect(entries.first.locator(".facts li").first).to_be_visible()
    screenshot(page, "timeline")


def test_path_view_draws_the_chain_with_evidence_for_each_hop(page: Page, cypher):
    (expected,) = cypher(
        "MATCH (a:Investigator {id: 'investigator:ingrid-solberg'}), "
        "(b:Target {id: 'target:il17a'}) "
        f"MATCH p = shortestPath((a)-[:{FACTS}*..4]-(b)) RETURN length(p) AS hops"
    )
    open_view(page, "#/path")
    page.get_by_role("combobox", name="From").press_sequentially("Ingrid Solberg")
    page.get_by_role("option", name="Ingrid Solberg").click()
    page.get_by_role("combobox", name="To").press_sequentially("IL-17A")
    page.get_by_role("option", name="IL-17A").first.click()
    page.get_by_role("button", name="Find path").click()
    page.wait_for_selector("#path-result", timeout=15_000)
    wait_ready(page)
    expect(page.locator("#graph")).to_have_attribute("data-node-count", str(expected["hops"] + 1))
    hops = page.locator("#path-hops-list > li")
    expect(hops).to_have_count(expected["hops"])
    for hop in hops.all():
        expect(hop.locator("blockquote").first).not_to_be_empty()
    expect(page.locator("#path-title")).to_contain_text("Ingrid Solberg")
    screenshot(page, "path")


def test_links_out_carry_equivalent_graphql_and_cypher(page: Page, cypher, server_url: str):
    (expected,) = cypher(
        f"MATCH (:Drug {{id: 'drug:brivanacept'}})-[r:{FACTS}]-(m) RETURN count(DISTINCT m) AS n"
    )
    open_view(page, entity_route("Drug", "drug:brivanacept"))
    links = page.locator("main .links-out").last
    graphiql = urlsplit(links.get_by_role("link", name="Open in GraphiQL").get_attribute("href"))
    assert graphiql.path == "/graphql"
    params = parse_qs(graphiql.query)
    answer = httpx.post(
        f"{server_url}/graphql",
        json={"query": params["q"][0], "variables": json.loads(params["variables"][0])},
    ).json()
    assert "errors" not in answer and answer["data"]["node"]["name"] == "brivanacept"

    browser = urlsplit(
        links.get_by_role("link", name="Open in Neo4j Browser").get_attribute("href")
    )
    assert browser.path.endswith("/browser/")
    statement = parse_qs(browser.query)["arg"][0]
    rows = cypher(statement)
    assert len({row["m"]["id"] for row in rows}) == expected["n"]


def test_the_page_loads_nothing_from_other_hosts_and_logs_no_errors(
    page: Page, page_log: PageLog, server_url: str
):
    for route in (
        "",
        entity_route("Target", "target:il17a"),
        entity_route("Target", "target:il17a", "landscape"),
        "#/path?from=Ingrid%20Solberg&to=IL-17A&hops=4",
    ):
        open_view(page, route)
        if route:
            page.reload()
            wait_ready(page)
    assert page_log.hosts == {urlsplit(server_url).netloc}
    assert page_log.errors == []


def test_an_evidence_document_opens_with_everything_it_names(page: Page, cypher):
    open_view(page, entity_route("Drug", "drug:quorafenib"))
    page.get_by_role("button", name="Evidence: quorafenib targets FGFR4").click()
    document_link = page.locator("#evidence-panel .evidence-source a").first
    title = document_link.inner_text()
    document_link.click()
    wait_view(page, "document")
    expect(page.locator("h1")).to_have_text(title)
    (expected,) = cypher(
        "MATCH (d:Document {title: $title})-[:MENTIONS]->(e) RETURN count(e) AS n", title=title
    )
    expect(page.locator(".mention-group li")).to_have_count(expected["n"])
    screenshot(page, "document")


def test_a_document_page_shows_where_the_record_came_from(page: Page, cypher):
    # A PubMed-like record's metadata on one example document, removed again afterwards.
    (doc,) = cypher(
        "MATCH (d:Document) RETURN d.id AS id, d.format AS format ORDER BY d.id LIMIT 1"
    )
    authors = [f"Author {i}" for i in range(12)]
    cypher(
        "MATCH (d:Document {id: $id}) SET d.url = $url, d.journal = 'J Test Med', "
        "d.pmid = '12345678', d.authors = $authors, d.format = 'pubmed-xml'",
        id=doc["id"],
        url="https://pubmed.ncbi.nlm.nih.gov/12345678/",
        authors=authors,
    )
    try:
        open_view(page, f"#/document/{doc['id']}")
        about = page.locator(".props")
        link = about.get_by_role("link", name="https://pubmed.ncbi.nlm.nih.gov/12345678/")
        expect(link).to_have_attribute("href", "https://pubmed.ncbi.nlm.nih.gov/12345678/")
        expect(about).to_contain_text("J Test Med")
        expect(about).to_contain_text("12345678")
        expect(about).to_contain_text("Author 0, Author 1")
        expect(about).to_contain_text("et al. (12)")
        expect(about).not_to_contain_text("Author 11")
        # a url that is not a web address is shown nowhere as a link
        cypher("MATCH (d:Document {id: $id}) SET d.url = 'javascript:alert(1)'", id=doc["id"])
        page.reload()
        wait_ready(page)
        expect(page.locator(".props")).to_contain_text("J Test Med")
        expect(page.locator(".props a")).to_have_count(0)
    finally:
        cypher(
            "MATCH (d:Document {id: $id}) REMOVE d.url, d.journal, d.pmid, d.authors "
            "SET d.format = $format",
            id=doc["id"],
            format=doc["format"],
        )


def test_overview_counts_each_type_as_the_graph_does(page: Page, cypher):
    counts = {
        row["label"]: row["n"]
        for row in cypher(
            "MATCH (n:Entity) UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label "
            "RETURN label, count(*) AS n"
        )
    }
    open_view(page, "")
    for label, n in counts.items():
        expect(page.locator(f"#ov-{label} .count")).to_have_text(f"({n})")
    screenshot(page, "overview")

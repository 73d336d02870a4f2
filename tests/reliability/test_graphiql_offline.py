"""Probe of issue 13: GraphiQL works without internet, in a real headless browser.

Before: the page loaded React and GraphiQL from a public CDN, so on an offline network it
stayed blank at "Loading...". Here every request that leaves the test server is refused,
as an offline network would, and the page must still render and run a query.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser_fixtures import serve_app

from api.main import create_app
from graph.schema import ensure_schema

pytestmark = pytest.mark.reliability


def test_graphiql_renders_and_runs_a_query_with_no_network_but_the_api(browser, settings, driver):
    ensure_schema(driver, settings.neo4j_database)
    driver.execute_query("CREATE (:Disease:Entity {id: 'disease:lupus', name: 'Lupus'})")
    left_the_server: list[str] = []

    with serve_app(create_app(settings)) as base_url:
        context = browser.new_context()
        page = context.new_page()

        def offline(route) -> None:  # noqa: ANN001
            if urlparse(route.request.url).netloc == urlparse(base_url).netloc:
                route.continue_()
            else:
                left_the_server.append(route.request.url)
                route.abort()

        page.route("**/*", offline)
        try:
            page.goto(f"{base_url}/graphql", wait_until="load")
            page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=30_000)
            assert "Loading" not in page.inner_text("#graphiql")[:20]
            page.click(".graphiql-execute-button")
            response = page.locator(".graphiql-response")
            response.get_by_text('"Lupus"').wait_for(timeout=30_000)
            assert '"EXACT"' in response.inner_text()
        finally:
            context.close()

    assert left_the_server == []

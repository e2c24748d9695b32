"""A SPARQL server as a query engine (``kg query --endpoint URL``): the query goes to the server's query
endpoint by the SPARQL 1.1 Protocol (form POST) and the rows come back printed as kg prints them."""

from __future__ import annotations

import base64
import urllib.parse

from kg.common.http import StatusError, request, text
from kg.errors import QueryError, ServerRefusedError
from kg.queries import ENGINES, LOCAL, QueryOptions
from kg.queries.engines.oxigraph_engine import printed

RESULTS = "application/sparql-results+json"
GRAPHS = "text/turtle"


@ENGINES.register("endpoint")
def run_endpoint(query: str, url: str, output: str = "table", options: QueryOptions = LOCAL) -> str:
    """Run ``query`` on the server whose SPARQL query endpoint is ``url`` (Oxigraph ``/query``, GraphDB
    ``/repositories/ID``, Fuseki ``/ds/query``) and print the rows as ``output`` (table, csv or json, as
    the oxigraph engine prints them); a CONSTRUCT or DESCRIBE result is printed as the Turtle the server
    sends. The server runs the query as it is; what it may reach (SERVICE) is the server's business.

    Raises UsageError for a URL that is not http(s), QueryError when the server rejects the query (HTTP
    400), ServerUnreachableError or ServerRefusedError when it cannot be reached, times out (whole request
    bounded by ``options.timeout``), answers with another error or a redirect, or sends no SPARQL results."""
    import pyoxigraph as ox

    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": f"{RESULTS}, {GRAPHS};q=0.9"}
    if options.user is not None or options.password is not None:
        token = base64.b64encode(f"{options.user or ''}:{options.password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    try:
        answer = request("POST", url, body, headers, timeout=options.timeout)
    except StatusError as err:
        if err.status == 400:
            raise QueryError(f"the server at {url} refused the query: {err.detail}") from None
        raise
    kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in (GRAPHS, "application/n-triples", "text/plain"):
        return answer.body.decode("utf-8")
    try:
        result = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as err:
        raise ServerRefusedError(f"{url} did not answer with SPARQL results ({kind or 'no content type'}: "
                                 f"{text(answer.body)!r}; {err}); is it the server's query endpoint?") from None
    return printed(result, output)

"""Which access route, and how many GPU-hours: sizing a workload and matching it to the calls.

    data      sizing.yaml and routes.yaml, loaded and checked against the catalogue
    request   raw inputs ("7B", "1T", "DE") to checked values; FitInputError names the field
    sizing    FLOPs, GPU-hours, node-hours, billing and a memory bound per GPU partition (pure)
    routes    every route's rules applied to an applicant and a size, ranked
    engine    the two together: `run_fit(data, request, now)` -> FitResult (and its JSON)
    render    the answer as text
    question  the workload a natural-language question describes

Every number and rule comes from `knowledge/data` with its source; none is in the code.
"""

from knowledge.fit.data import Country, FitData, Hardware, load_fit_data
from knowledge.fit.engine import FitResult, run_fit
from knowledge.fit.render import fit_text, headline, route_line, ruled_out_line, sizing_lines
from knowledge.fit.request import FitRequest, build_request
from knowledge.fit.routes import Applicant, Verdict
from knowledge.fit.sizing import Estimate, Sizing, Workload

__all__ = [
    "Applicant",
    "Country",
    "Estimate",
    "FitData",
    "FitRequest",
    "FitResult",
    "Hardware",
    "Sizing",
    "Verdict",
    "Workload",
    "build_request",
    "fit_text",
    "headline",
    "load_fit_data",
    "route_line",
    "ruled_out_line",
    "run_fit",
    "sizing_lines",
]

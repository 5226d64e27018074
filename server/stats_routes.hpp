#pragma once
// Dashboard feeds (issue 6): GET /v1/stats/summary, /v1/stats/timeseries, /v1/stats/top, /v1/stance and
// /v1/contradictions. Each answers JSON ({"data": …}) or, with format=csv or Accept: text/csv, an RFC 4180
// table with a header row. Handlers are pure functions over AppContext::dashboard; they are cacheable
// (ETag from the graph revision) and run on the worker pool, since an aggregate may scan every mention.

#include "server/router.hpp"

namespace parley::server {

void register_stats_routes(Router& router);

}  // namespace parley::server

#pragma once
// Route registration. Each routes_*.cpp adds its endpoints through one register_*_routes(Router&);
// make_router() calls them all. To add endpoints from another file (dashboards, exports), write
// `void register_x_routes(Router&)` there, declare it here and call it from make_router().

#include <memory>

#include "server/router.hpp"

namespace parley::server {

void register_graph_routes(Router& router);    // /v1/edges, /v1/nodes, /v1/paths, /v1/proposals, /v1/graph
void register_article_routes(Router& router);  // /v1/articles (reads, ingest, batch, delete)
void register_system_routes(Router& router);   // /healthz, /readyz, /v1/openapi.json
void register_static_routes(Router& router);   // the web/ page at /

std::shared_ptr<const Router> make_router();

}  // namespace parley::server

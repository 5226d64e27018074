#include "server/routes.hpp"

#include "server/metrics.hpp"
#include "server/stats_routes.hpp"
#include "server/stream.hpp"

namespace parley::server {

std::shared_ptr<const Router> make_router() {
    auto router = std::make_shared<Router>();
    register_system_routes(*router);
    register_graph_routes(*router);
    register_article_routes(*router);
    register_stats_routes(*router);
    register_metrics_routes(*router);
    register_stream_routes(*router);
    register_static_routes(*router);
    return router;
}

}  // namespace parley::server

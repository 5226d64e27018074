#pragma once
// Router: method + path-template table ("/v1/edges/{id}") over targets parsed with Boost.URL.
// Handlers are pure functions (request, params, context) -> response, so they are unit-testable without a
// socket. Routes are added once at start-up (register_*_routes in each routes_*.cpp); after that the
// router is read-only and safe to share between threads.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "server/http.hpp"

namespace parley::server {

struct AppContext;

// Decoded query parameters in request order; a name may repeat (relation=met&relation=called).
class QueryParams {
public:
    QueryParams() = default;
    explicit QueryParams(std::vector<std::pair<std::string, std::string>> items) : items_(std::move(items)) {}

    std::optional<std::string> get(std::string_view name) const;  // first value
    std::vector<std::string> all(std::string_view name) const;
    bool has(std::string_view name) const { return get(name).has_value(); }
    const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

struct RouteParams {
    std::vector<std::pair<std::string, std::string>> path;  // captured {name} segments, decoded
    QueryParams query;
    std::string path_text;  // the decoded path, e.g. "/v1/edges/12"

    // A captured path segment; empty when the route has no such name.
    std::string_view at(std::string_view name) const;
};

using Handler = std::function<Response(const Request&, const RouteParams&, AppContext&)>;

struct RouteOptions {
    bool offload = false;    // run on the worker pool (ingest, exports, path search), not an I/O thread
    bool cacheable = false;  // GET whose body depends only on the target and the graph revision: ETag/304
    bool write = false;      // needs the bearer token when one is configured
};

class Router {
public:
    // `pattern` is a path whose segments are literals or "{name}"; a trailing "{name*}" captures the rest.
    void add(http::verb method, std::string pattern, Handler handler, RouteOptions options = {});

    struct Match {
        const RouteOptions* options = nullptr;
        const Handler* handler = nullptr;
        RouteParams params;
    };
    // Serves GET/HEAD of any path no route matches (the static files of the page), with the whole path
    // captured as "path". Other methods on unmatched paths stay 404.
    void set_fallback(Handler handler, RouteOptions options = {});

    // A match, or the response to send instead (400 bad target, 404 no route, 405 with Allow).
    std::variant<Match, Response> match(const Request& request) const;

    // Whether the matched route wants the worker pool (cheap: parses the target only).
    bool offloaded(const Request& request) const;

    // A bounded label for metrics: the template of the route serving `method` and `target`
    // ("/v1/edges/{id}"), "static" for the fallback, "unmatched" when no route serves them.
    std::string route_label(http::verb method, std::string_view target) const;

private:
    struct Route {
        http::verb method;
        std::vector<std::string> segments;
        Handler handler;
        RouteOptions options;
    };
    static bool match_path(const Route& route, const std::vector<std::string>& segments, RouteParams& params);
    std::vector<Route> routes_;
    std::optional<Route> fallback_;
};

}  // namespace parley::server

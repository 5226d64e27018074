// Health, the OpenAPI document, and the static files of the visualiser page.

#include <fstream>
#include <sstream>

#include "graph/queries.hpp"
#include "server/context.hpp"
#include "server/problem.hpp"
#include "server/routes.hpp"

namespace parley::server {

std::string_view embedded_openapi();  // generated from schema/openapi.json (openapi_embed.cpp.in)

namespace {

using nlohmann::json;

Response health(json body, http::status status) {
    Response res = json_response(body, status);
    res.set(http::field::content_type, "application/health+json");
    res.set(http::field::cache_control, "no-store");
    return res;
}

Response get_healthz(const Request&, const RouteParams&, AppContext&) { return health({{"status", "pass"}}, http::status::ok); }

// Ready when the database answers through the read pool (which refuses an unmigrated file).
Response get_readyz(const Request&, const RouteParams&, AppContext& context) {
    auto revision = context.queries->revision();
    if (!revision)
        return health({{"status", "fail"}, {"checks", {{"sqlite", {{"status", "fail"}, {"output", revision.error().message}}}}}},
                      http::status::service_unavailable);
    return health({{"status", "pass"},
                   {"checks", {{"sqlite", {{"status", "pass"}, {"revision", *revision}}}}},
                   {"write_queue", context.writes ? context.writes->pending() : 0}},
                  http::status::ok);
}

Response get_openapi(const Request&, const RouteParams&, AppContext&) {
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, "application/json");
    res.body() = std::string(embedded_openapi());
    res.prepare_payload();
    return res;
}

std::string_view content_type_for(const std::filesystem::path& path) {
    static const std::pair<std::string_view, std::string_view> types[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"}, {".map", "application/json"}, {".svg", "image/svg+xml"},
        {".png", "image/png"}, {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
        {".woff2", "font/woff2"}, {".woff", "font/woff"}};
    const std::string ext = path.extension().string();
    for (const auto& [suffix, type] : types)
        if (ext == suffix) return type;
    return "application/octet-stream";
}

constexpr std::uintmax_t max_static_file = 32 * 1024 * 1024;

// Files under config.web_root only: the router already refused "." and ".." segments; hidden names are
// refused here and the resolved path (symlinks followed) must stay inside the root.
Response get_static(const Request& request, const RouteParams& params, AppContext& context) {
    const auto& root = context.config.web_root;
    const std::string relative(params.at("path"));
    auto not_found = [&] { return problem_response(http::status::not_found, "no resource at /" + relative); };
    if (root.empty()) return not_found();
    if (relative.find('\\') != std::string::npos || relative.find('\0') != std::string::npos) return not_found();
    for (std::size_t start = 0; start <= relative.size();) {
        if (start < relative.size() && relative[start] == '.') return not_found();
        const auto slash = relative.find('/', start);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::error_code ec;
    const auto canonical_root = std::filesystem::canonical(root, ec);
    if (ec) return not_found();
    auto path = std::filesystem::weakly_canonical(canonical_root / relative, ec);
    if (ec) return not_found();
    if (std::filesystem::is_directory(path, ec)) path /= "index.html";
    path = std::filesystem::weakly_canonical(path, ec);
    const auto root_text = canonical_root.string() + "/";
    if (ec || path.string().rfind(root_text, 0) != 0 || !std::filesystem::is_regular_file(path, ec)) return not_found();
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > max_static_file) return not_found();
    const auto mtime = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
    const std::string etag = "\"f" + std::to_string(size) + "-" + std::to_string(mtime) + "\"";
    if (request[http::field::if_none_match] == etag) {
        Response res{http::status::not_modified, 11};
        res.set(http::field::etag, etag);
        return res;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, content_type_for(path));
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, "no-cache");
    res.set("X-Content-Type-Options", "nosniff");
    res.body() = std::move(buffer).str();
    res.prepare_payload();
    return res;
}

}  // namespace

void register_system_routes(Router& router) {
    router.add(http::verb::get, "/healthz", get_healthz);
    router.add(http::verb::get, "/readyz", get_readyz);
    router.add(http::verb::get, "/v1/openapi.json", get_openapi);
}

void register_static_routes(Router& router) { router.set_fallback(get_static); }

}  // namespace parley::server

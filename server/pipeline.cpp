#include "server/pipeline.hpp"

#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

#include "server/context.hpp"
#include "server/problem.hpp"
#include "server/router.hpp"

namespace parley::server {
namespace {

constexpr std::string_view exposed_headers = "ETag, Link, Retry-After, Location";

// The allowed origin to echo back, or empty when the request's origin is not on the list.
std::string allowed_origin(const Request& request, const ServerConfig& config) {
    const auto origin = request[http::field::origin];
    if (origin.empty()) return {};
    for (const auto& allowed : config.cors_origins) {
        if (allowed == "*") return "*";
        if (allowed == origin) return std::string(origin);
    }
    return {};
}

void add_cors(Response& res, const std::string& origin) {
    if (origin.empty()) return;
    res.set(http::field::access_control_allow_origin, origin);
    res.set(http::field::access_control_expose_headers, exposed_headers);
    if (origin != "*") res.set(http::field::vary, "Origin");
}

Response preflight(const Request& request, const Router& router, const std::string& origin) {
    Response res{http::status::no_content, request.version()};
    // Probe the route with the requested method so the Allow list is the real one.
    Request probe{request.method(), request.target(), request.version()};
    const auto wanted = request[http::field::access_control_request_method];
    probe.method(wanted.empty() ? http::verb::get : http::string_to_verb(wanted));
    auto matched = router.match(probe);
    if (auto* refusal = std::get_if<Response>(&matched); refusal && refusal->result() == http::status::not_found)
        return std::move(*refusal);
    if (!origin.empty()) {
        res.set(http::field::access_control_allow_methods, "GET, HEAD, POST, DELETE, OPTIONS");
        res.set(http::field::access_control_allow_headers, "Authorization, Content-Type, If-None-Match");
        res.set(http::field::access_control_max_age, "600");
    }
    res.set(http::field::allow, "GET, HEAD, POST, DELETE, OPTIONS");
    return res;
}

bool etag_matches(std::string_view header, std::string_view etag) {
    if (header == "*") return true;
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison, as RFC 9110 asks for GET
        if (item == etag) return true;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return false;
}

Response run_route(const Router& router, const Request& request, AppContext& context) {
    auto matched = router.match(request);
    if (auto* response = std::get_if<Response>(&matched)) return std::move(*response);
    auto& m = std::get<Router::Match>(matched);
    if (m.options->write && !context.config.token.empty() && !authorized(request, context.config.token)) {
        Response res = problem_response(http::status::unauthorized,
                                        "this request needs the header 'Authorization: Bearer <token>'");
        res.set(http::field::www_authenticate, "Bearer realm=\"parley\"");
        return res;
    }
    std::string etag;
    if (m.options->cacheable) {
        etag = context.etag();
        if (etag_matches(request[http::field::if_none_match], etag)) {
            Response res{http::status::not_modified, request.version()};
            res.set(http::field::etag, etag);
            return res;
        }
    }
    Response res = (*m.handler)(request, m.params, context);
    if (!etag.empty() && res.result() == http::status::ok) {
        res.set(http::field::etag, etag);
        res.set(http::field::cache_control, "no-cache");
    }
    return res;
}

}  // namespace

bool authorized(const Request& request, const std::string& token) {
    const std::string expected = "Bearer " + token;
    const auto given = request[http::field::authorization];
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
    return diff == 0;
}

Response handle_request(const Router& router, const Request& request, AppContext& context) {
    const std::string origin = allowed_origin(request, context.config);
    Response res;
    try {
        res = request.method() == http::verb::options ? preflight(request, router, origin)
                                                       : run_route(router, request, context);
    } catch (const std::exception& e) {
        // A handler bug, not a client mistake: log it, answer 500, keep the server up.
        spdlog::error("handler for {} {} threw: {}", std::string(request.method_string()),
                      std::string(request.target()), e.what());
        res = problem_response(http::status::internal_server_error, "internal error");
    }
    add_cors(res, origin);
    res.version(request.version());
    res.keep_alive(request.keep_alive());
    if (request.method() == http::verb::head) {
        const auto size = res.body().size();
        res.body().clear();
        res.content_length(size);
    } else if (res.result() != http::status::not_modified && res.result() != http::status::no_content) {
        res.prepare_payload();
    }
    return res;
}

}  // namespace parley::server

#include "server/router.hpp"

#include <algorithm>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "server/problem.hpp"

namespace parley::server {

std::optional<std::string> QueryParams::get(std::string_view name) const {
    for (const auto& [key, value] : items_)
        if (key == name) return value;
    return std::nullopt;
}

std::vector<std::string> QueryParams::all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : items_)
        if (key == name) out.push_back(value);
    return out;
}

std::string_view RouteParams::at(std::string_view name) const {
    for (const auto& [key, value] : path)
        if (key == name) return value;
    return {};
}

namespace {

std::vector<std::string> split_pattern(std::string_view pattern) {
    std::vector<std::string> out;
    while (!pattern.empty()) {
        if (pattern.front() == '/') {
            pattern.remove_prefix(1);
            continue;
        }
        const auto slash = pattern.find('/');
        out.emplace_back(pattern.substr(0, slash));
        if (slash == std::string_view::npos) break;
        pattern.remove_prefix(slash);
    }
    return out;
}

bool is_capture(const std::string& segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }

struct ParsedTarget {
    std::vector<std::string> segments;
    RouteParams params;
};

// Boost.URL parses and percent-decodes; a target that is not origin-form, or that hides "." / ".."
// segments or NUL bytes, is refused before any routing.
std::variant<ParsedTarget, Response> parse_target(std::string_view target) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) return problem_response(http::status::bad_request, "request target is not a valid origin-form URL");
    const boost::urls::url_view& url = *parsed;
    ParsedTarget out;
    for (auto segment : url.segments()) {
        if (segment == "." || segment == ".." || segment.find('\0') != std::string::npos)
            return problem_response(http::status::bad_request, "request target contains a '.' or '..' segment");
        if (!segment.empty()) out.segments.push_back(std::move(segment));
    }
    out.params.path_text = url.path();
    std::vector<std::pair<std::string, std::string>> query;
    for (auto param : url.params()) query.emplace_back(param.key, param.has_value ? param.value : std::string());
    out.params.query = QueryParams(std::move(query));
    return out;
}

}  // namespace

void Router::add(http::verb method, std::string pattern, Handler handler, RouteOptions options) {
    routes_.push_back(Route{method, split_pattern(pattern), std::move(handler), options});
}

void Router::set_fallback(Handler handler, RouteOptions options) {
    fallback_ = Route{http::verb::get, {}, std::move(handler), options};
}

bool Router::match_path(const Route& route, const std::vector<std::string>& segments, RouteParams& params) {
    std::vector<std::pair<std::string, std::string>> captured;
    for (std::size_t i = 0; i < route.segments.size(); ++i) {
        const std::string& want = route.segments[i];
        const bool rest = is_capture(want) && want[want.size() - 2] == '*';
        if (rest) {
            std::string joined;
            for (std::size_t j = i; j < segments.size(); ++j) joined += (j == i ? "" : "/") + segments[j];
            captured.emplace_back(want.substr(1, want.size() - 3), std::move(joined));
            params.path = std::move(captured);
            return true;
        }
        if (i >= segments.size()) return false;
        if (is_capture(want)) {
            captured.emplace_back(want.substr(1, want.size() - 2), segments[i]);
        } else if (want != segments[i]) {
            return false;
        }
    }
    if (route.segments.size() != segments.size()) return false;
    params.path = std::move(captured);
    return true;
}

std::variant<Router::Match, Response> Router::match(const Request& request) const {
    auto parsed = parse_target(request.target());
    if (auto* error = std::get_if<Response>(&parsed)) return std::move(*error);
    auto& target = std::get<ParsedTarget>(parsed);
    // HEAD is served by the GET route; the session drops the body.
    const http::verb method = request.method() == http::verb::head ? http::verb::get : request.method();
    std::vector<std::string> allowed;
    for (const Route& route : routes_) {
        RouteParams params = target.params;
        if (!match_path(route, target.segments, params)) continue;
        if (route.method == method) return Match{&route.options, &route.handler, std::move(params)};
        const std::string name(http::to_string(route.method));
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) allowed.push_back(name);
    }
    if (allowed.empty() && fallback_ && method == http::verb::get) {
        RouteParams params = target.params;
        std::string joined;
        for (const auto& segment : target.segments) joined += (joined.empty() ? "" : "/") + segment;
        params.path.emplace_back("path", std::move(joined));
        return Match{&fallback_->options, &fallback_->handler, std::move(params)};
    }
    if (allowed.empty()) return problem_response(http::status::not_found, "no resource at " + target.params.path_text);
    std::string allow;
    for (const auto& name : allowed) allow += (allow.empty() ? "" : ", ") + name;
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allow += ", HEAD";
    allow += ", OPTIONS";
    Response res = problem_response(http::status::method_not_allowed, std::string(request.method_string()) +
                                                                          " is not allowed here; allowed: " + allow);
    res.set(http::field::allow, allow);
    return res;
}

std::string Router::route_label(http::verb method, std::string_view target) const {
    auto parsed = parse_target(target);
    const auto* t = std::get_if<ParsedTarget>(&parsed);
    if (!t) return "unmatched";
    if (method == http::verb::head) method = http::verb::get;
    for (const Route& route : routes_) {
        RouteParams params;
        if (route.method != method || !match_path(route, t->segments, params)) continue;
        std::string label;
        for (const auto& segment : route.segments) label += "/" + segment;
        return label.empty() ? "/" : label;
    }
    return fallback_ && method == http::verb::get ? "static" : "unmatched";
}

bool Router::offloaded(const Request& request) const {
    auto matched = match(request);
    const auto* m = std::get_if<Match>(&matched);
    return m && m->options->offload;
}

}  // namespace parley::server

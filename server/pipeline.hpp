#pragma once
// handle_request: everything between a parsed request and its response, without a socket: CORS
// (preflight and allow-list), bearer-token check on writes, routing, ETag/If-None-Match, HEAD, and the
// last-resort mapping of a handler exception to 500. The session calls it; tests may call it directly.

#include "server/http.hpp"

namespace parley::server {

class Router;
struct AppContext;

Response handle_request(const Router& router, const Request& request, AppContext& context);

// Constant-time comparison of the Authorization header against "Bearer <token>".
bool authorized(const Request& request, const std::string& token);

}  // namespace parley::server

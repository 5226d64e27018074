#pragma once
// Response builders: JSON bodies and RFC 9457 problem details. The one place where a parley::Error becomes an
// HTTP status, so every handler maps failures the same way. Pure functions, thread-safe.

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "server/http.hpp"

namespace parley::server {

inline constexpr std::string_view json_content_type = "application/json";
inline constexpr std::string_view problem_content_type = "application/problem+json";

// A 200 (or `status`) response with `body` serialised as JSON.
Response json_response(const nlohmann::json& body, http::status status = http::status::ok);

// application/problem+json with type, title, status and detail. `detail` should name the parameter or field.
Response problem_response(http::status status, std::string_view detail);

// The status an expected failure maps to: invalid_argument 400, invalid_input 422, not_found 404,
// conflict 409, busy 429 (with Retry-After), everything else 500 (the server's fault, never the client's).
http::status status_for(ErrorCode code);
Response error_response(const Error& error);

}  // namespace parley::server

#include "server/problem.hpp"

namespace parley::server {

Response json_response(const nlohmann::json& body, http::status status) {
    Response res{status, 11};
    res.set(http::field::content_type, json_content_type);
    // Replace invalid UTF-8 rather than throw: stored text is validated on ingest, but a reply must never fail.
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    res.prepare_payload();
    return res;
}

Response problem_response(http::status status, std::string_view detail) {
    const auto code = static_cast<unsigned>(status);
    nlohmann::json body = {
        {"type", "about:blank"},
        {"title", std::string(http::obsolete_reason(status))},
        {"status", code},
        {"detail", std::string(detail)},
    };
    Response res = json_response(body, status);
    res.set(http::field::content_type, problem_content_type);
    if (status == http::status::too_many_requests || status == http::status::service_unavailable)
        res.set(http::field::retry_after, "1");
    return res;
}

http::status status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument: return http::status::bad_request;
        case ErrorCode::invalid_input: return http::status::unprocessable_entity;
        case ErrorCode::not_found: return http::status::not_found;
        case ErrorCode::conflict: return http::status::conflict;
        case ErrorCode::busy: return http::status::too_many_requests;
        case ErrorCode::unsupported_version: return http::status::service_unavailable;
        case ErrorCode::io_error:
        case ErrorCode::database_error:
        case ErrorCode::internal: break;
    }
    return http::status::internal_server_error;
}

Response error_response(const Error& error) { return problem_response(status_for(error.code), error.message); }

}  // namespace parley::server

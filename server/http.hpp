#pragma once
// The HTTP vocabulary every server file shares: one request and one response type, both with string bodies
// (bodies are bounded by the parser's body limit, so holding them in memory is fine).

#include <boost/beast/http.hpp>

namespace parley::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

}  // namespace parley::server

#pragma once
// A small synchronous Beast HTTP/1.1 client for the server tests: one connection per Client, reused
// (keep-alive) across requests. Not thread-safe; each thread makes its own.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace parley::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Reply {
    unsigned status = 0;
    std::string body;
    http::fields headers;

    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
    std::string header(http::field field) const { return std::string(headers[field]); }
    std::string header(const std::string& name) const { return std::string(headers[name]); }
};

class Client {
public:
    explicit Client(unsigned short port) : port_(port) {}

    Reply request(http::verb method, const std::string& target, const std::string& body = {},
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        for (const auto& [name, value] : headers) req.set(name, value);
        if (!body.empty() || method == http::verb::post) {
            req.body() = body;
            if (!req.count(http::field::content_type)) req.set(http::field::content_type, "application/json");
        }
        req.prepare_payload();
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                connect();
                http::write(*stream_, req);
                http::response_parser<http::string_body> parser;
                parser.body_limit(256 * 1024 * 1024);
                parser.skip(method == http::verb::head);
                http::read(*stream_, buffer_, parser);
                auto res = parser.release();
                Reply reply{res.result_int(), std::move(res.body()), {}};
                for (const auto& field : res) reply.headers.insert(field.name_string(), field.value());
                if (!res.keep_alive()) stream_.reset();
                return reply;
            } catch (const boost::system::system_error&) {
                stream_.reset();  // a keep-alive connection the server closed: retry once on a new one
                if (attempt == 1) throw;
            }
        }
        return {};
    }

    Reply get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        return request(http::verb::get, target, {}, headers);
    }

private:
    void connect() {
        if (stream_) return;
        stream_.emplace(ioc_);
        stream_->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
        buffer_.clear();
    }

    unsigned short port_;
    net::io_context ioc_;
    std::optional<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
};

// Percent-encodes a query value.
inline std::string encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

}  // namespace parley::testing

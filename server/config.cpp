#include "server/config.hpp"

#include <charconv>

#include <boost/asio/ip/address.hpp>

namespace parley::server {

Result<ListenAddress> parse_listen(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
        return make_error(ErrorCode::invalid_argument, "listen address '" + std::string(text) + "' must be host:port");
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    ListenAddress out;
    out.host = host.empty() ? "127.0.0.1" : std::string(host);
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535)
        return make_error(ErrorCode::invalid_argument, "listen port '" + std::string(port_text) + "' is not a port number");
    out.port = static_cast<unsigned short>(port);
    if (out.host != "localhost") {
        boost::system::error_code bad;
        boost::asio::ip::make_address(out.host, bad);
        if (bad)
            return make_error(ErrorCode::invalid_argument,
                              "listen host '" + out.host + "' must be an IP address or localhost");
    }
    return out;
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost") return true;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string(host), ec);
    return !ec && address.is_loopback();
}

Status validate(const ServerConfig& config) {
    auto address = parse_listen(config.listen);
    if (!address) return address.error();
    if (!is_loopback_host(address->host) && config.token.empty())
        return make_error(ErrorCode::invalid_argument,
                          "refusing to listen on non-loopback address " + config.listen +
                              " without a token (set PARLEY_TOKEN or --token)");
    if (config.io_threads == 0 || config.worker_threads == 0)
        return make_error(ErrorCode::invalid_argument, "threads must be at least 1");
    if (config.body_limit == 0 || config.header_limit == 0 || config.max_connections == 0 ||
        config.write_queue_limit == 0)
        return make_error(ErrorCode::invalid_argument, "limits must be positive");
    return ok_status();
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

std::filesystem::path default_web_root() { return PARLEY_WEB_DIR; }

}  // namespace parley::server

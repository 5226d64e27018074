#pragma once
// Result<T>: a value or an Error. Expected failures (bad input, missing rows, a locked database)
// travel as values; exceptions are kept for bugs and fatal set-up.

#include <string>
#include <utility>
#include <variant>

namespace parley {

enum class ErrorCode {
    invalid_argument,  // the caller's input is wrong (maps to 4xx / exit code 2)
    invalid_input,     // well-formed but unacceptable content, e.g. an article without text (422)
    not_found,
    conflict,
    io_error,
    database_error,
    unsupported_version,  // e.g. a database newer than this binary
    busy,                 // a queue or lock is full; try again later
    internal,
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

// A value of T or an Error; `ok()` tells which. Accessing the wrong side is a bug (std::bad_variant_access).
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

// Status: a Result that carries no value.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace parley

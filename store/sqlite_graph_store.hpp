#pragma once
// SqliteGraphStore: GraphStore on one SQLite connection (store/database.hpp opens and migrates it).
// One writer per instance, not thread-safe. Writes are BEGIN IMMEDIATE transactions; a busy database
// comes back as ErrorCode::busy after the connection's busy timeout.

#include <filesystem>
#include <memory>

#include "store/database.hpp"
#include "store/graph_store.hpp"
#include "store/sqlite.hpp"

namespace parley::store {

class SqliteGraphStore final : public GraphStore {
public:
    explicit SqliteGraphStore(Connection connection) : connection_(std::move(connection)) {}

    static Result<std::unique_ptr<SqliteGraphStore>> open(const std::filesystem::path& path,
                                                          const DatabaseOptions& options = {});

    Status write(const std::function<Status(GraphWriteSession&)>& work) override;
    Result<std::int64_t> revision() override;
    Result<StoreStats> stats() override;

    Connection& connection() { return connection_; }

private:
    Connection connection_;
};

}  // namespace parley::store

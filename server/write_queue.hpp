#pragma once
// WriteQueue: the one writer. A single thread runs every database write in submission order, so SQLite
// never sees two writers; the queue is bounded and a full queue is reported (busy -> HTTP 429) instead of
// growing. Thread-safe; the destructor finishes the jobs already queued, then joins the thread.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "core/result.hpp"

namespace parley::server {

class WriteQueue {
public:
    explicit WriteQueue(std::size_t capacity);
    ~WriteQueue();
    WriteQueue(const WriteQueue&) = delete;
    WriteQueue& operator=(const WriteQueue&) = delete;

    // Queues `job`; busy when `capacity` jobs are already waiting. Jobs must not throw.
    Status post(std::function<void()> job);

    // Runs `job` on the writer thread and waits for its result (call from a worker thread, never an I/O thread).
    template <class T>
    Result<T> run(std::function<Result<T>()> job) {
        auto promise = std::make_shared<std::promise<Result<T>>>();
        auto future = promise->get_future();
        auto queued = post([promise, job = std::move(job)] { promise->set_value(job()); });
        if (!queued) return queued.error();
        return future.get();
    }

    std::size_t pending() const;

private:
    void loop();

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace parley::server

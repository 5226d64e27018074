#include "server/write_queue.hpp"

namespace parley::server {

WriteQueue::WriteQueue(std::size_t capacity) : capacity_(capacity), thread_([this] { loop(); }) {}

WriteQueue::~WriteQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

Status WriteQueue::post(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return make_error(ErrorCode::busy, "the server is shutting down");
        if (jobs_.size() >= capacity_)
            return make_error(ErrorCode::busy, "the write queue is full (" + std::to_string(capacity_) +
                                                   " pending); retry later");
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return ok_status();
}

std::size_t WriteQueue::pending() const {
    std::lock_guard lock(mutex_);
    return jobs_.size();
}

void WriteQueue::loop() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping and drained
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

}  // namespace parley::server

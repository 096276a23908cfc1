// QueueStore's construction, settings, group commit (write batches) and the transactions it
// lends to other stores; the operations are in queue_store_{tickets,counters,reads}.cpp.
#include "loket/input_error.hpp"
#include "queue_store_tx.hpp"

namespace loket {

using namespace queue_store_detail;

QueueStore::QueueStore(const std::filesystem::path& db_path, OfficeConfig config,
                       StoreOptions options)
    : config_(std::make_shared<const OfficeConfig>(std::move(config))) {
    validate_office_config(*config_, "office configuration");
    db_ = open_database(db_path, options);
    // Reads get a connection of their own: in WAL mode they then never wait behind a
    // batch's fsync.
    read_db_ = open_database(db_path, options);
    try {
        sync_counters();
        statements_ = std::make_unique<Statements>(*db_);
        read_statements_ = std::make_unique<Statements>(*read_db_);
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot open queue database " + db_path.string() + ": " + e.what());
    }
}

QueueStore::~QueueStore() {
    // Statements must be finalized before their connections close.
    statements_.reset();
    read_statements_.reset();
}

std::shared_ptr<const OfficeConfig> QueueStore::config() const {
    std::lock_guard lock(config_mutex_);
    return config_;
}

void QueueStore::sync_counters() {
    const auto config = this->config();
    std::lock_guard lock(mutex_);
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(*db_, "INSERT OR IGNORE INTO counters (number) VALUES (?)");
    for (const auto& c : config->counters) {
        q.reset();
        q.bind(1, c.number);
        q.exec();
    }
    tx.commit();
}

// Group commit: writes that arrive while a batch commits wait and go together in the next
// transaction, so many concurrent requests share one fsync. Each write runs in its own
// SAVEPOINT: a refused write rolls back alone and the others still commit. Each waiting write
// has its own wake-up, and leadership passes to the oldest waiting write, so a batch wakes only
// its own writers (not every thread) and the next batch starts while this one is published.
void QueueStore::submit(PendingWrite& job) {
    std::unique_lock lock(queue_mutex_);
    pending_.push_back(&job);
    if (!leader_active_) {
        leader_active_ = true;
        job.leads = true;
    }
    job.wake.wait(lock, [&] { return job.done || job.leads; });
    if (job.done)
        return;
    // The leader's own write is at the front: leadership only ever passes to the oldest write.
    std::vector<PendingWrite*> batch;
    while (!pending_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(pending_.front());
        pending_.pop_front();
    }
    lock.unlock();
    EventListener listener;
    std::vector<Event> events = run_batch(batch, listener);
    // Taken before the next leader is named, so listeners see batches in commit order.
    std::unique_lock publishing(publish_mutex_);
    lock.lock();
    if (pending_.empty()) {
        leader_active_ = false;
    } else {
        pending_.front()->leads = true;
        pending_.front()->wake.notify_one();
    }
    lock.unlock();
    if (listener && !events.empty()) {
        try {
            listener(events);
        } catch (...) {
            // The batch is committed and will be acknowledged; a listener that fails loses only
            // this notification, and streams catch up from the event log.
        }
    }
    publishing.unlock();
    lock.lock();
    for (PendingWrite* written : batch) {
        written->done = true;
        if (written != &job)
            written->wake.notify_one();
    }
}

std::vector<Event> QueueStore::run_batch(const std::vector<PendingWrite*>& batch,
                                         EventListener& listener) {
    std::unique_lock db_lock(mutex_);
    const auto config = this->config();
    try {
        SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        ResetStatementsOnExit reset{*statements_};
        SQLite::Statement& savepoint = statements_->get("SAVEPOINT queue_write");
        SQLite::Statement& release = statements_->get("RELEASE queue_write");
        SQLite::Statement& rollback = statements_->get("ROLLBACK TO queue_write");
        const auto undo = [&] {
            statements_->reset_used();
            rollback.exec();
            rollback.reset();
            release.exec();
            release.reset();
        };
        for (PendingWrite* job : batch) {
            savepoint.exec();
            savepoint.reset();
            Tx tx{*db_, *statements_, *config, job->now, today_of(*config, job->now), {}, {}};
            try {
                job->run(tx);
                statements_->reset_used();
                release.exec();
                release.reset();
                job->events = std::move(tx.events);
                job->after_commit = std::move(tx.after_commit);
            } catch (const SQLite::Exception& e) {
                undo();
                job->error = std::make_exception_ptr(
                    StorageError(std::string("queue database error: ") + e.what()));
            } catch (...) {
                undo();
                job->error = std::current_exception();
            }
        }
        transaction.commit();
    } catch (const SQLite::Exception& e) {
        // Nothing of the batch was committed: no write of it is acknowledged.
        for (PendingWrite* job : batch) {
            job->events.clear();
            if (!job->error) {
                job->error = std::make_exception_ptr(
                    StorageError(std::string("queue database error: ") + e.what()));
            }
        }
        return {};
    }
    for (PendingWrite* job : batch) {
        if (job->after_commit)
            job->after_commit();
    }
    std::vector<Event> events;
    for (PendingWrite* job : batch) {
        events.insert(events.end(), std::make_move_iterator(job->events.begin()),
                      std::make_move_iterator(job->events.end()));
    }
    listener = listener_;
    return events;
}

ResetStatementsOnExit::~ResetStatementsOnExit() {
    statements.reset_used();
}

void QueueStore::set_event_listener(EventListener listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

void QueueStore::set_config(OfficeConfig config) {
    validate_office_config(config, "office configuration");
    {
        std::lock_guard lock(config_mutex_);
        config_ = std::make_shared<const OfficeConfig>(std::move(config));
    }
    sync_counters();
}

OfficeConfig QueueStore::save_config(OfficeConfig config, const std::string& saved_by,
                                     TimePoint now) {
    validate_office_config(config, "settings");
    OfficeConfig saved = write(now, [&](Tx& tx) {
        for (std::size_t i = 0; i < tx.config.services.size(); ++i) {
            const ServiceDef& old = tx.config.services[i];
            if (config.find_service(old.id))
                continue;
            auto& q = tx.sql(
                "SELECT COUNT(*) FROM tickets WHERE local_date = ? AND service = ? AND state IN "
                "('waiting', 'called', 'serving')");
            q.bind(1, tx.today);
            q.bind(2, old.id);
            q.executeStep();
            if (const int open = q.getColumn(0).getInt(); open > 0) {
                throw InputError("settings", "services",
                                 "service '" + old.id + "' cannot be removed while " +
                                     std::to_string(open) + " of its tickets are open today");
            }
        }
        for (std::size_t i = 0; i < config.services.size(); ++i) {
            const ServiceDef& s = config.services[i];
            auto& q = tx.sql(
                "SELECT origin_service FROM tickets WHERE local_date = ? AND number LIKE ? AND "
                "origin_service <> ? LIMIT 1");
            q.bind(1, tx.today);
            q.bind(2, std::string(1, s.prefix) + "-%");
            q.bind(3, s.id);
            if (q.executeStep()) {
                throw InputError("settings", "services[" + std::to_string(i) + "].prefix",
                                 std::string("letter ") + s.prefix + " was used today by '" +
                                     q.getColumn(0).getString() + "'; change it tomorrow");
            }
        }
        auto& store = tx.sql(
            "INSERT INTO settings (key, value, saved_ms, saved_by) VALUES ('office', ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, saved_ms = "
            "excluded.saved_ms, saved_by = excluded.saved_by");
        store.bind(1, to_json(config).dump());
        store.bind(2, static_cast<std::int64_t>(to_millis(now)));
        store.bind(3, saved_by);
        store.exec();
        auto& counter = tx.sql("INSERT OR IGNORE INTO counters (number) VALUES (?)");
        for (const auto& c : config.counters) {
            counter.reset();
            counter.bind(1, c.number);
            counter.exec();
        }
        tx.record(protocol::event::settings_changed,
                  protocol::settings_changed_payload(config, saved_by));
        // In force before "settings.changed" goes out, so a screen that reloads on the event
        // reads the new settings.
        tx.after_commit = [this, config] {
            std::lock_guard lock(config_mutex_);
            config_ = std::make_shared<const OfficeConfig>(config);
        };
        return config;
    });
    return saved;
}

std::optional<OfficeConfig> QueueStore::saved_config() const {
    return read(now_utc(), [&](Tx& tx) -> std::optional<OfficeConfig> {
        auto& q = tx.sql("SELECT value FROM settings WHERE key = 'office'");
        if (!q.executeStep())
            return std::nullopt;
        const auto doc = nlohmann::json::parse(q.getColumn(0).getString(), nullptr, false);
        if (doc.is_discarded())
            throw StorageError("saved settings are unreadable");
        return office_config_from_json(doc, "saved settings");
    });
}

// The Tx of a write or read lent to another store through the StoreTransaction interface.
class LentTransaction final : public StoreTransaction {
  public:
    LentTransaction(QueueStore::Tx& tx, bool writable) : tx_(tx), writable_(writable) {}
    SQLite::Statement& sql(const std::string& text) override { return tx_.sql(text); }
    std::int64_t last_insert_id() override { return tx_.db.getLastInsertRowid(); }
    void record(std::string_view type, nlohmann::json payload) override {
        if (!writable_)
            throw std::logic_error("an event cannot be recorded in a read transaction");
        tx_.record(std::move(type), std::move(payload));
    }
    TimePoint now() const override { return tx_.now; }
    const OfficeConfig& config() const override { return tx_.config; }
    IssueResult issue_ticket(const IssueRequest& request, const nlohmann::json& extra) override {
        if (!writable_)
            throw std::logic_error("a ticket cannot be issued in a read transaction");
        return tx_.issue_ticket(request, extra);
    }
    std::optional<Ticket> find_ticket_by_id(std::int64_t id) override {
        return tx_.ticket_where("id = ?", id);
    }

  private:
    QueueStore::Tx& tx_;
    bool writable_;
};

void QueueStore::run_write(TimePoint now, const std::function<void(StoreTransaction&)>& fn) {
    write(now, [&](Tx& tx) {
        LentTransaction lent(tx, true);
        fn(lent);
        return true;
    });
}

void QueueStore::run_read(TimePoint now, const std::function<void(StoreTransaction&)>& fn) const {
    read(now, [&](Tx& tx) {
        LentTransaction lent(tx, false);
        fn(lent);
        return true;
    });
}

}  // namespace loket

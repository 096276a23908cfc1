#pragma once
// The one error type for bad input from outside (files, HTTP bodies, device replies):
// it always names where the input came from, which field was wrong and why.
#include <stdexcept>
#include <string>
#include <utility>

namespace loket {

class InputError : public std::runtime_error {
  public:
    // code: a stable, specific name for what was wrong ("invalid_time", "duplicate_prefix"),
    // which clients translate; the message stays English for logs.
    InputError(std::string source, std::string field, std::string reason,
               std::string code = "invalid_field")
        : std::runtime_error(compose(source, field, reason)),
          source_(std::move(source)),
          field_(std::move(field)),
          reason_(std::move(reason)),
          code_(std::move(code)) {}

    // Where the input came from: a file path, "request body", "printer reply"...
    const std::string& source() const { return source_; }
    // Dotted path of the offending field, e.g. "steps[3].time"; empty for the whole input.
    const std::string& field() const { return field_; }
    const std::string& reason() const { return reason_; }
    const std::string& code() const { return code_; }

  private:
    static std::string compose(const std::string& source, const std::string& field,
                               const std::string& reason) {
        std::string text = source;
        if (!field.empty())
            text += ": field '" + field + "'";
        return text + ": " + reason;
    }
    std::string source_, field_, reason_, code_;
};

}  // namespace loket

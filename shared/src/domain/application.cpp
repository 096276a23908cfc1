#include "loket/application.hpp"

namespace loket {

const WorkflowStep* Application::current_step() const {
    if (!step_index || *step_index < 0 || *step_index >= static_cast<int>(workflow.size()))
        return nullptr;
    return &workflow[static_cast<std::size_t>(*step_index)];
}

std::optional<PauseRecord> Application::open_pause() const {
    if (!pauses.empty() && !pauses.back().until)
        return pauses.back();
    return std::nullopt;
}

}  // namespace loket

#include <algorithm>
#include <cstdlib>
#include <set>

#include "loket/input_error.hpp"
#include "loket/speech.hpp"

namespace loket::voice {
namespace {

std::string describe_missing(const std::filesystem::path& folder,
                             const std::vector<std::string>& words) {
    std::string text = "voice clips missing in " + folder.string() + ": ";
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0)
            text += ", ";
        text += words[i] + ".wav";
    }
    return text;
}

// Drops the silence recorders leave around a word so the assembled phrase keeps its rhythm.
Pcm trimmed(Pcm pcm, std::int16_t below, const std::filesystem::path& path) {
    const auto loud = [below](std::int16_t s) { return std::abs(static_cast<int>(s)) > below; };
    const auto first = std::find_if(pcm.samples.begin(), pcm.samples.end(), loud);
    if (first == pcm.samples.end())
        throw InputError(path.string(), "", "is silent (no sample above the trim level)");
    const auto last = std::find_if(pcm.samples.rbegin(), pcm.samples.rend(), loud).base();
    return Pcm{std::vector<std::int16_t>(first, last), pcm.sample_rate};
}

}  // namespace

MissingClipsError::MissingClipsError(std::filesystem::path folder, std::vector<std::string> words)
    : std::runtime_error(describe_missing(folder, words)), words_(std::move(words)) {}

ClipVoice::ClipVoice(ClipSettings settings) : settings_(std::move(settings)) {
    if (!std::filesystem::is_directory(settings_.folder))
        throw InputError(settings_.folder.string(), "", "voice clip folder does not exist");
}

std::filesystem::path ClipVoice::clip_path(std::string_view word) const {
    return settings_.folder / (std::string(word) + ".wav");
}

std::vector<std::string> ClipVoice::missing(const Phrase& phrase) const {
    std::vector<std::string> out;
    std::set<std::string> checked;
    for (const auto& w : phrase.words) {
        if (!checked.insert(w.word).second)
            continue;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(clip_path(w.word), ec))
            out.push_back(w.word);
    }
    return out;
}

const Pcm& ClipVoice::clip_locked(const std::string& word) const {
    const auto path = clip_path(word);
    std::error_code ec;
    const auto modified = std::filesystem::last_write_time(path, ec);
    if (ec)
        throw MissingClipsError(settings_.folder, {word});
    auto found = cache_.find(word);
    if (found == cache_.end() || found->second.modified != modified) {
        Cached entry{modified, trimmed(read_wav(path), settings_.trim_below, path)};
        found = cache_.insert_or_assign(word, std::move(entry)).first;
    }
    return found->second.pcm;
}

Pcm ClipVoice::assemble(const Phrase& phrase) const {
    if (auto absent = missing(phrase); !absent.empty())
        throw MissingClipsError(settings_.folder, std::move(absent));
    if (phrase.words.empty())
        throw InputError("phrase", "", "has no words to play");
    const auto word_gap = silence(settings_.word_gap);
    const auto pause_gap = silence(settings_.pause_gap);
    Pcm out;
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < phrase.words.size(); ++i) {
        if (i > 0)
            append(out, phrase.words[i - 1].pause_after ? pause_gap : word_gap);
        append(out, clip_locked(phrase.words[i].word));
    }
    return out;
}

}  // namespace loket::voice

// The call phrase: template placeholders, display vs speech text, clip words, validation.
#include <gtest/gtest.h>

#include "loket/announcement.hpp"
#include "loket/input_error.hpp"

namespace loket::voice {
namespace {

std::vector<std::string> words_of(const Phrase& phrase) {
    std::vector<std::string> out;
    for (const auto& w : phrase.words)
        out.push_back(w.word);
    return out;
}

TEST(PhraseBuilder, DefaultPhraseFromDomainNotes) {
    const PhraseBuilder builder;
    const auto phrase = builder.build(CallInfo{"A-012", 2, "", ""});
    EXPECT_EQ(phrase.display_text, "Nomor antrean A, dua belas, silakan menuju loket dua");
    EXPECT_EQ(phrase.speech_text, "Nomor antrean a, dua belas, silakan menuju loket dua");
    EXPECT_EQ(words_of(phrase), (std::vector<std::string>{"nomor", "antrean", "a", "dua", "belas",
                                                          "silakan", "menuju", "loket", "dua"}));
    // Pauses where the text has commas: after the letter and after the number.
    EXPECT_TRUE(phrase.words[2].pause_after);
    EXPECT_TRUE(phrase.words[4].pause_after);
    EXPECT_FALSE(phrase.words[3].pause_after);
    EXPECT_FALSE(phrase.words.back().pause_after);
}

TEST(PhraseBuilder, LetterIsPlainOnScreenAndNamedForSpeech) {
    const PhraseBuilder builder;
    const auto phrase = builder.build(CallInfo{"b007", 10, "", ""});
    EXPECT_EQ(phrase.display_text, "Nomor antrean B, tujuh, silakan menuju loket sepuluh");
    EXPECT_EQ(phrase.speech_text, "Nomor antrean be, tujuh, silakan menuju loket sepuluh");
    const auto x = builder.build(CallInfo{"X-1", 1, "", ""});
    EXPECT_EQ(x.speech_text, "Nomor antrean eks, satu, silakan menuju loket satu");
    const auto two = builder.build(CallInfo{"AB-7", 3, "", ""});
    EXPECT_EQ(two.display_text, "Nomor antrean AB, tujuh, silakan menuju loket tiga");
    EXPECT_EQ(two.speech_text, "Nomor antrean a be, tujuh, silakan menuju loket tiga");
}

TEST(PhraseBuilder, DigitsMode) {
    const PhraseBuilder builder(default_phrase_template(), NumberReading::Digits);
    const auto phrase = builder.build(CallInfo{"A-012", 2, "", ""});
    EXPECT_EQ(phrase.display_text, "Nomor antrean A, satu, dua, silakan menuju loket dua");
    EXPECT_EQ(words_of(phrase), (std::vector<std::string>{"nomor", "antrean", "a", "satu", "dua",
                                                          "silakan", "menuju", "loket", "dua"}));
    EXPECT_TRUE(phrase.words[3].pause_after);  // "satu," then "dua,"
    const PhraseBuilder number_only("{number}", NumberReading::Digits);
    EXPECT_EQ(number_only.build(CallInfo{"C-123", 1, "", ""}).display_text, "satu, dua, tiga");
    EXPECT_EQ(number_only.build(CallInfo{"C-000", 1, "", ""}).display_text, "nol");
}

TEST(PhraseBuilder, WordsMode) {
    const PhraseBuilder builder("{number}", NumberReading::Words);
    EXPECT_EQ(builder.build(CallInfo{"C-123", 1, "", ""}).display_text, "seratus dua puluh tiga");
    EXPECT_EQ(builder.build(CallInfo{"C-1000", 1, "", ""}).display_text, "seribu");
    EXPECT_EQ(builder.build(CallInfo{"C-011", 1, "", ""}).display_text, "sebelas");
}

TEST(PhraseBuilder, NamesAndServiceAndBraces) {
    const PhraseBuilder builder(
        "Nomor antrean {letter} {number}, layanan {service}, silakan ke {counter_name} "
        "{{{counter}}}");
    const auto phrase =
        builder.build(CallInfo{"D-5", 4, "Loket Pendaftaran", "Customer Service (CS)"});
    EXPECT_EQ(phrase.display_text,
              "Nomor antrean D lima, layanan Customer Service (CS), silakan ke Loket Pendaftaran "
              "{empat}");
    EXPECT_EQ(words_of(phrase),
              (std::vector<std::string>{"nomor", "antrean", "de", "lima", "layanan", "customer",
                                        "service", "cs", "silakan", "ke", "loket", "pendaftaran",
                                        "empat"}));
}

TEST(PhraseBuilder, TemplateWithoutTicketNeedsNoTicket) {
    const PhraseBuilder builder("Silakan menuju loket {counter}");
    EXPECT_EQ(builder.build(CallInfo{"", 12, "", ""}).display_text,
              "Silakan menuju loket dua belas");
}

InputError template_error(const std::string& text) {
    try {
        PhraseBuilder builder(text, NumberReading::Words, "office.toml", "voice.template");
    } catch (const InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for template: " << text;
    return InputError("", "", "");
}

TEST(PhraseBuilder, TemplateValidation) {
    const auto unknown = template_error("Nomor {nomor}, loket {counter}");
    EXPECT_EQ(unknown.source(), "office.toml");
    EXPECT_EQ(unknown.field(), "voice.template");
    EXPECT_NE(unknown.reason().find("unknown placeholder {nomor}"), std::string::npos)
        << unknown.what();
    EXPECT_NE(unknown.reason().find("{counter_name}"), std::string::npos);  // lists known ones
    EXPECT_NE(template_error("{Number}").reason().find("{Number}"), std::string::npos);
    EXPECT_NE(template_error("Nomor {number").reason().find("never closed"), std::string::npos);
    EXPECT_NE(template_error("Nomor number}").reason().find("stray '}'"), std::string::npos);
    EXPECT_NE(template_error("").reason().find("empty"), std::string::npos);
    EXPECT_NE(template_error("{}").reason().find("unknown placeholder {}"), std::string::npos);
    EXPECT_NO_THROW(PhraseBuilder("{{literal}} {number}"));
}

TEST(PhraseBuilder, BadTicketNumbers) {
    const PhraseBuilder builder;
    for (const char* bad : {"012", "A-", "A-12x", "", "-12", "A--12"}) {
        try {
            builder.build(CallInfo{bad, 1, "", ""});
            ADD_FAILURE() << "accepted " << bad;
        } catch (const InputError& e) {
            EXPECT_EQ(e.source(), "ticket number");
            EXPECT_NE(e.reason().find(std::string("'") + bad + "'"), std::string::npos);
        }
    }
    EXPECT_THROW(builder.build(CallInfo{"A-1", -1, "", ""}), InputError);
}

TEST(ClipWords, PunctuationDigitsAndCase) {
    const auto words = clip_words("Silakan ke Loket 3! \"Terima kasih\"; (CS)  akhir.");
    std::vector<std::string> plain;
    for (const auto& w : words)
        plain.push_back(w.word);
    EXPECT_EQ(plain, (std::vector<std::string>{"silakan", "ke", "loket", "tiga", "terima", "kasih",
                                               "cs", "akhir"}));
    EXPECT_TRUE(words[3].pause_after);  // "3!"
    EXPECT_TRUE(words[5].pause_after);  // "kasih";
    EXPECT_TRUE(words[7].pause_after);  // "akhir."
    EXPECT_FALSE(words[6].pause_after);
    EXPECT_EQ(clip_words("12")[0].word, "dua");
    EXPECT_EQ(clip_words("kartu-kartu")[0].word, "kartu-kartu");
    EXPECT_EQ(clip_words("Ibu Hamil")[1].word, "hamil");
    EXPECT_EQ(clip_words("Pelayanan Perizinan Ré")[2].word, "r\xC3\xA9");  // UTF-8 kept
    EXPECT_TRUE(clip_words(" ,. ").empty());
}

}  // namespace
}  // namespace loket::voice

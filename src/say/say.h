// say.h — numbers, counts, amounts, dates, times and durations as spoken
// fragments, in French, Arabic (Modern Standard Arabic), Spanish and English.
//
// Every function returns the names of the prompt fragments to play one after
// the other (model::PlaySequence), each found at <prompts dir>/<lang>/<name>.wav.
// A name means one word (or one fixed phrase) of one language; the same name in
// another language's folder holds the corresponding word there: "n_1" is "un",
// "واحد", "uno", "one". The scheme and the forms chosen for dates and times are
// in docs/SAY.md; the catalogue below lists every name each language uses, with
// its text.
//
// Contract: pure functions, no I/O, no shared mutable state. Expected failures
// (a value out of range, a date that does not exist, a non-digit) are returned
// as errors: "say.range", "say.bad_date", "say.bad_time", "say.bad_digits".
// Threads: any thread may call any function here, concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace plateau::say {

enum class Lang { Fr, Ar, Es, En };
inline constexpr std::array<Lang, 4> kLanguages = {Lang::Fr, Lang::Ar, Lang::Es, Lang::En};

// "fr", "ar", "es", "en" (any case, optionally followed by a region such as
// "fr-MA" or "ar_MA"); nullopt for anything else.
std::optional<Lang> parse_lang(std::string_view code);
// The prompt folder of the language: "fr", "ar", "es", "en".
std::string_view lang_code(Lang lang);

// Gender of what is counted. For a bare number: Masculine is the form used to
// count aloud (fr "un", es "uno", ar "ثلاثة"); Feminine is fr "une", es "una",
// "doscientas", ar "واحدة", "ثلاث" (the form used before a feminine noun).
enum class Gender { Masculine, Feminine };

// What say_count counts. Each language gives it its own grammatical gender
// (fr "minute" is feminine, es "minuto" masculine, ar "دقيقة" feminine).
enum class Noun { Minute, Second, Hour, Day, Dirham, Euro, Centime, Cent };
inline constexpr std::array<Noun, 8> kNouns = {Noun::Minute, Noun::Second, Noun::Hour,    Noun::Day,
                                               Noun::Dirham, Noun::Euro,   Noun::Centime, Noun::Cent};

enum class Currency { MAD, EUR };

using Fragments = std::vector<std::string>;

// Largest magnitude of a number, a count, or the whole units of an amount.
inline constexpr int64_t kMaxNumber = 999'999'999;

// The cardinal n, |n| <= kMaxNumber; a negative n starts with "w_minus".
// fr 80 "quatre-vingts", es 21 "veintiuno", ar 21 "واحد وعشرون", en 101 "one
// hundred and one" (British English: "and" before the tens and units).
Result<Fragments> say_number(int64_t n, Lang lang, Gender gender = Gender::Masculine);

// Digit by digit (a phone or customer number). Spaces, '-' and '.' are
// skipped; any other character, or no digit at all, is "say.bad_digits".
Result<Fragments> say_digits(std::string_view digits, Lang lang);

// 0 <= n <= kMaxNumber things, the number agreeing with the noun: fr "vingt et
// une minutes", es "veintiún minutos", ar "إحدى عشرة دقيقة", en "one minute".
Result<Fragments> say_count(int64_t n, Noun noun, Lang lang);

// A sum in cents (hundredths): whole units, then the cents unless there are
// none: fr "mille deux cent trente-quatre dirhams et cinquante centimes", es
// "... dírhams con cincuenta céntimos". |cents| / 100 <= kMaxNumber; a
// negative amount starts with "w_minus".
Result<Fragments> say_amount(int64_t cents, Currency currency, Lang lang);

// A calendar date, 1 <= year <= 9999. fr "le premier mai deux mille vingt-six",
// es "el uno de mayo de dos mil veintiséis", en "the first of May twenty
// twenty-six", ar "فاتح ماي سنة ألفين وستة وعشرين".
Result<Fragments> say_date(int year, int month, int day, Lang lang);

// A time of day on the 24-hour clock (English: 12-hour with a.m./p.m.): fr
// "quatorze heures trente", es "las catorce y treinta", en "two thirty p.m.",
// ar "الساعة الرابعة عشرة وثلاثون دقيقة".
Result<Fragments> say_time(int hour, int minute, Lang lang);

// A waiting time: under 60 s "moins d'une minute"; else rounded to the nearest
// minute ("quatre minutes"); from 60 minutes on, hours and minutes ("une heure
// et cinq minutes"). seconds >= 0.
Result<Fragments> say_duration_s(int64_t seconds, Lang lang);

// ---- the fragment catalogue -----------------------------------------------

// One fragment of one language: its prompt name ([a-z0-9_]) and what it says,
// spelt normally (Arabic fully vowelled, as espeak-ng needs it).
struct Fragment {
  std::string_view name;
  std::string_view text;
  std::string_view espeak = {};  // given to espeak-ng instead, where it misreads `text`
};

// Every fragment the functions above can return in `lang`, and no other.
std::span<const Fragment> fragments(Lang lang);

// The fragment `name` of `lang`; nullptr if the language has none by that name.
const Fragment* find_fragment(Lang lang, std::string_view name);

// The text to give espeak-ng for a fragment: its `espeak` text if it has one.
// Otherwise its text; in Arabic said in pause (waqf), as words spoken alone
// are: the final short vowel or nunation of the last word is dropped, a final
// ta marbuta is said "h", "ًا" is a long "ā"; and every shadda is put before
// the vowel mark of its letter (espeak-ng reads it only there).
std::string speech_text(Lang lang, const Fragment& fragment);

}  // namespace plateau::say

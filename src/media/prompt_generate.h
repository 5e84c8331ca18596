// prompt_generate.h — the default prompts and how to make the missing ones.
//
// kPromptCatalogue is the one table of spoken sentences: its name and its text
// in each language of kPromptLanguages. The spoken fragments of numbers, dates
// and amounts (say::fragments(), src/say) are made beside them. Files go where
// PromptLibrary reads them: <dir>/<lang>/<name>.wav, 8 kHz mono 16-bit PCM,
// spoken by espeak-ng (voices fr, ar, es, en) and converted by sox; fragments
// have their leading and trailing silence cut (then 50 ms of silence after),
// so that a sequence of them sounds like one phrase. Music on hold is
// language-independent: <dir>/_/moh.wav, a ~20 s loop of eight chords (I-vi-IV-V
// twice, soft bass under a plucked triad) synthesised by sox, fading in and out
// at each chord so that it loops without a click.
//
// Thread: generate_missing() blocks for seconds while it runs the programs (on
// several threads of its own, one program pipeline each); it is for start-up
// (or an install step), before the telephony thread runs. Thread-safe
// otherwise (no shared state), but two concurrent calls on the same folder
// would both generate the same files (harmless: rename is atomic).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace plateau::media {

inline constexpr std::array<std::string_view, 4> kPromptLanguages = {"fr", "ar", "es", "en"};

struct CataloguePrompt {
  std::string_view name;
  std::string_view fr, ar, es, en;  // same order as kPromptLanguages

  std::string_view text(std::string_view lang) const {
    if (lang == "ar") return ar;
    if (lang == "es") return es;
    if (lang == "en") return en;
    return fr;
  }
};

inline constexpr std::array<CataloguePrompt, 21> kPromptCatalogue = {{
    {"welcome", "Bienvenue chez Plateau. Votre appel va être transféré à un conseiller.",
     "مرحبًا بكم في بلاتو. سيتم تحويل مكالمتكم إلى أحد مستشارينا.",
     "Bienvenido a Plateau. Su llamada será transferida a un asesor.",
     "Welcome to Plateau. Your call will be transferred to an advisor."},
    {"queue_wait", "Tous nos conseillers sont occupés, merci de patienter.",
     "جميع مستشارينا مشغولون حاليًا، يرجى الانتظار.",
     "Todos nuestros asesores están ocupados, por favor espere.", "All our advisors are busy, please hold."},
    {"no_agent", "Aucun conseiller n'est disponible pour le moment. Merci de rappeler plus tard.",
     "لا يوجد أي مستشار متاح في الوقت الحالي. يرجى معاودة الاتصال لاحقًا.",
     "No hay ningún asesor disponible en este momento. Por favor, vuelva a llamar más tarde.",
     "No advisor is available at the moment. Please call back later."},
    {"recording_notice", "Cet appel peut être enregistré.", "قد يتم تسجيل هذه المكالمة.",
     "Esta llamada puede ser grabada.", "This call may be recorded."},
    {"goodbye", "Merci de votre appel. Au revoir.", "شكرًا لاتصالكم. مع السلامة.",
     "Gracias por su llamada. Hasta luego.", "Thank you for your call. Goodbye."},
    // Queue announcements: each of these is followed by say:: fragments, e.g.
    // "position_is" + say_number(3), "wait_is" + say_duration_s(240). From here
    // on the Arabic is vowelled (shadda before the vowel mark, as espeak-ng
    // wants), but for words espeak-ng knows bare ("الاتصال", "الانتظار").
    {"position_is", "Vous êtes en position", "تَرْتِيبُكُمْ فِي قَائِمَةِ الانتظار هُوَ", "Usted está en la posición",
     "Your position in the queue is"},
    {"wait_is", "Le temps d'attente estimé est de", "مُدَّةُ الانتظار الْمُتَوَقَّعَةُ هِيَ",
     "El tiempo de espera estimado es de", "The estimated waiting time is"},
    {"wait_unknown", "Nous ne pouvons pas estimer votre temps d'attente.",
     "لَا يُمْكِنُنَا تَقْدِيرُ مُدَّةِ انْتِظَارِكُمْ حَالِيًّا.", "No podemos estimar su tiempo de espera.",
     "We cannot estimate your waiting time."},
    {"callback_offer", "Pour être rappelé sans perdre votre place, tapez 1.",
     "لِمُعَاوَدَةِ الاتصال بِكُمْ مَعَ الاحتفاظ بِدَوْرِكُمْ، الْمَرْجُوُّ الضَّغْطُ عَلَى الرَّقْمِ وَاحِد.",
     "Para que le devolvamos la llamada sin perder su turno, pulse uno.",
     "To be called back without losing your place, press one."},
    {"callback_confirm",
     "Votre demande est enregistrée. Un conseiller vous rappellera à ce numéro. Au revoir.",
     "تَمَّ تَسْجِيلُ طَلَبِكُمْ. سَيُعَاوِدُ أَحَدُ مُسْتَشَارِينَا الاتصال بِكُمْ عَلَى هَذَا الرَّقْمِ. مَعَ السَّلَامَة.",
     "Su solicitud ha quedado registrada. Un asesor le devolverá la llamada a este número. Hasta luego.",
     "Your request has been recorded. An advisor will call you back on this number. Goodbye."},
    // Played to the agent who answers a callback, before the customer is dialled.
    {"callback_connecting", "Rappel d'un client en cours.", "جَارٍ مُعَاوَدَةُ الاتصال بِأَحَدِ الْعُمَلَاءِ.",
     "Devolviendo la llamada a un cliente.", "Calling a customer back."},
    {"queue_full", "Toutes nos lignes sont occupées. Merci de rappeler plus tard.",
     "جَمِيعُ خُطُوطِنَا مَشْغُولَةٌ حَالِيًّا. يُرْجَى مُعَاوَدَةُ الاتصال لَاحِقًا.",
     "Todas nuestras líneas están ocupadas. Por favor, vuelva a llamar más tarde.",
     "All our lines are busy. Please call back later."},
    {"transfer", "Nous transférons votre appel.", "جَارٍ تَحْوِيلُ مُكَالَمَتِكُمْ.", "Estamos transfiriendo su llamada.",
     "We are transferring your call."},
    // IVR (docs/IVR.md). The language menu says, for each choice, "for_language"
    // then the key's digit, both in that language.
    {"for_language", "Pour le français, tapez", "لِلْعَرَبِيَّةِ، اضْغَطُوا عَلَى", "Para español, pulse",
     "For English, press"},
    {"invalid_input", "Votre choix n'est pas valide.", "اخْتِيَارُكُمْ غَيْرُ صَحِيحٍ.", "Su opción no es válida.",
     "That choice is not valid."},
    {"no_input", "Nous n'avons pas reçu votre choix.", "لَمْ نَتَلَقَّ اخْتِيَارَكُمْ.", "No hemos recibido su opción.",
     "We did not receive your choice."},
    {"you_entered", "Vous avez saisi", "لَقَدْ أَدْخَلْتُمْ", "Usted ha marcado", "You entered"},
    {"confirm_entry", "Pour confirmer, tapez 1. Pour corriger, tapez 2.",
     "لِلتَّأْكِيدِ اضْغَطُوا عَلَى وَاحِد، وَلِلتَّصْحِيحِ اضْغَطُوا عَلَى اثْنَيْن.",
     "Para confirmar, pulse uno. Para corregir, pulse dos.", "To confirm, press one. To correct it, press two."},
    {"technical_problem", "Nous rencontrons un problème technique. Merci de rappeler plus tard.",
     "نُوَاجِهُ مُشْكِلَةً تِقْنِيَّةً. يُرْجَى مُعَاوَدَةُ الاتصال لَاحِقًا.",
     "Tenemos un problema técnico. Por favor, vuelva a llamar más tarde.",
     "We are having a technical problem. Please call back later."},
    {"voicemail_invite", "Laissez votre message après le bip, puis raccrochez ou tapez dièse.",
     "اتْرُكُوا رِسَالَتَكُمْ بَعْدَ الصَّفِيرِ، ثُمَّ أَغْلِقُوا الْخَطَّ أَوِ اضْغَطُوا عَلَى الْمُرَبَّع.",
     "Deje su mensaje después de la señal y cuelgue o pulse almohadilla.",
     "Leave your message after the tone, then hang up or press hash."},
    {"voicemail_thanks", "Votre message a été enregistré. Merci, au revoir.",
     "تَمَّ تَسْجِيلُ رِسَالَتِكُمْ. شُكْرًا، مَعَ السَّلَامَة.", "Su mensaje ha sido grabado. Gracias, hasta luego.",
     "Your message has been recorded. Thank you, goodbye."},
}};

// Name of the music-on-hold loop, stored in the kNoLanguage folder ("_").
inline constexpr std::string_view kMusicOnHold = "moh";
// Name of the tone played before a voicemail is recorded, also in "_".
inline constexpr std::string_view kBeep = "beep";

struct GenerateOptions {
  std::string espeak = "espeak-ng";  // program names, looked up on PATH
  std::string sox = "sox";
  unsigned jobs = 0;  // pipelines run at once; 0: one per processor (at most 8)
};

// Creates every catalogue prompt, every say:: fragment of every language and
// the music loop that is missing under `dir` (folders included); existing
// files are left alone, whatever their content. Each file is written to a
// temporary name in its folder, checked to read back as 8 kHz mono, then
// renamed, so an interrupted run never leaves a partial prompt. Stops at the
// first failure (files already being made are finished, no other is started):
// "media.spawn" / "media.subprocess" (a program failed; the message names it
// and quotes its error output), "media.prompt_dir" (cannot create a folder),
// or the read-back error. `created`, if given, receives the number of files
// made.
Status generate_missing(const std::string& dir, const GenerateOptions& options = {},
                        size_t* created = nullptr);

}  // namespace plateau::media

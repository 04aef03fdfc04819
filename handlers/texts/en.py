"""English texts. Keys are shared with `id.py`, which is the reference."""

TEXTS: dict[str, str] = {
    # --- general ---
    "language_name": "English",
    "welcome": (
        "Welcome to the <b>{workshop}</b> — {region}.\n"
        "This bot helps you register, follow the sessions and send ideas for the Smart City "
        "master plan."
    ),
    "unknown_command": "Unknown command {command}. Type /help for the list of commands.",
    "not_allowed": "Sorry, this command is for the secretariat only.",
    "stale_button": "This button is no longer active. Type /start to begin again.",
    "invalid_button": "Unrecognised button. Nothing was changed.",
    "nothing_to_cancel": "There is nothing to cancel.",
    "cancelled": "Cancelled. Nothing was saved. Type /start to begin again.",
    "text_expected": "Please send plain text, not a sticker, photo or file.",
    "use_buttons": "Please choose one of the buttons above, or type /cancel to stop.",
    "command_in_conversation": "You are filling in a form. Finish it first, or type /cancel to stop.",
    "free_text_hint": "Type /help to see what I can do.",
    "error_generic": "Sorry, something went wrong. Your data is safe. Please try again shortly.",
    # --- language ---
    "choose_language": "Pilih bahasa / Choose a language:",
    "language_set": "Language set to English.",
    # --- help ---
    "help_participant": (
        "<b>Participant commands</b>\n"
        "/start — register for the current stage\n"
        "/profile — see and edit your profile\n"
        "/language — change language (Indonesia / English)\n"
        "/cancel — stop what is in progress\n"
        "/help — this help"
    ),
    "help_secretariat": (
        "<b>Secretariat commands</b>\n"
        "/stages — stages, the current one, open/close registration\n"
        "/editstage N field value — change a stage's title, dates, venue or link\n"
        "/participants [N] — participants of stage N (online/offline, per institution)\n"
        "/addoffline — register an offline participant without Telegram"
    ),
    # --- registration ---
    "reg_for_stage": "Registration for <b>{stage}</b>.",
    "ask_name": "What is your full name (with titles, if any)?",
    "name_empty": "The name cannot be empty. Type your full name.",
    "name_too_short": "That name is too short. Type your full name.",
    "name_too_long": "That name is too long (at most {max} characters). Please type a shorter one.",
    "ask_institution_kind": "Where are you from?",
    "inst_kind_opd": "Regional agency (OPD)",
    "inst_kind_kecamatan": "Sub-district office",
    "inst_kind_other": "Other (type it)",
    "ask_institution_opd": "Choose your agency (or type its name):",
    "ask_institution_kecamatan": "Choose your sub-district (or type its name):",
    "ask_institution_typed": "Type the name of your institution:",
    "institution_too_long": "The institution name is too long (at most {max} characters).",
    "institution_empty": "The institution name cannot be empty.",
    "kecamatan_prefix": "Kecamatan",
    "back": "« Back",
    "ask_position": "What is your position?",
    "position_camat": "Camat (sub-district head)",
    "position_opd_staff": "Agency (OPD) staff",
    "position_village_head": "Village head",
    "position_consultant": "Consultant",
    "position_ministry_expert": "Ministry expert",
    "position_other": "Other",
    "ask_mode": "How will you attend {stage}?",
    "mode_offline": "Offline (in the room)",
    "mode_online": "Online",
    "ask_stage": "For which stage?",
    "confirm_summary": (
        "<b>Please check your details</b>\n"
        "Name: {name}\n"
        "Institution: {institution}\n"
        "Position: {position}\n"
        "Stage: {stage}\n"
        "Attendance: {mode}"
    ),
    "btn_confirm": "✅ Confirm",
    "btn_edit": "✏️ Edit",
    "ask_edit_field": "What would you like to change?",
    "field_name": "Name",
    "field_institution": "Institution",
    "field_position": "Position",
    "field_mode": "Attendance",
    "field_stage": "Stage",
    "registered": (
        "✅ Registered for <b>{stage}</b> as an <b>{mode}</b> participant.\n"
        "Participant number: P-{pid:04d}."
    ),
    "registered_online_link": "Online meeting link: {link}",
    "registered_venue": "Venue: {venue}",
    "already_registered": (
        "You are already registered for <b>{stage}</b> as an <b>{mode}</b> participant. "
        "See /profile."
    ),
    "registration_closed": "Registration for <b>{stage}</b> is not open.",
    "no_current_stage": "No stage is active yet. Please contact the secretariat.",
    "no_such_stage": "There is no such stage.",
    "bad_deep_link": "That registration link is not valid. Registering for the current stage.",
    "reuse_profile": (
        "You already have a profile:\n{profile}\n\nRegister for <b>{stage}</b> with it? "
        "Choose how you will attend:"
    ),
    "reuse_profile_mode_known": (
        "You already have a profile:\n{profile}\n\nRegister for <b>{stage}</b> as an "
        "<b>{mode}</b> participant?"
    ),
    # --- profile ---
    "profile_none": "You are not registered yet. Type /start to register.",
    "profile_show": "<b>Your profile</b>\n{profile}\n\n<b>Registrations</b>\n{registrations}",
    "profile_lines": "Name: {name}\nInstitution: {institution}\nPosition: {position}",
    "profile_registration_line": "• {stage}: {mode}",
    "profile_no_registrations": "• (none yet)",
    "profile_updated": "✅ Profile updated.\n{profile}",
    # --- secretariat ---
    "stages_header": "<b>Stages of the {workshop}</b>",
    "stage_line": "{marker} <b>{title}</b>\n   {days} · {venue}\n   Registration: {reg} · Participants: {count}",
    "stage_current_marker": "▶️",
    "stage_other_marker": "▫️",
    "reg_open": "open",
    "reg_closed": "closed",
    "days_unset": "dates not set",
    "venue_unset": "venue not set",
    "btn_make_current": "Make stage {n} current",
    "btn_open_reg": "Open registration for stage {n}",
    "btn_close_reg": "Close registration for stage {n}",
    "stage_now_current": "▶️ Stage {n} is now the current stage.",
    "stage_reg_opened": "Registration for stage {n} is open.",
    "stage_reg_closed": "Registration for stage {n} is closed.",
    "editstage_usage": (
        "Usage: /editstage N field value\n"
        "Fields: judul (title), judul_en, tanggal (dates YYYY-MM-DD,YYYY-MM-DD), tempat (venue), "
        "tautan (link)\n"
        "Example: /editstage 3 tanggal 2021-11-08,2021-11-09"
    ),
    "editstage_bad_field": "Unknown field {field}. Fields: judul, judul_en, tanggal, tempat, tautan.",
    "editstage_bad_days": "Invalid dates: {value}. Use YYYY-MM-DD, separated by commas.",
    "editstage_bad_link": "A link must start with http:// or https://",
    "editstage_too_long": "The value is too long (at most {max} characters).",
    "editstage_done": "✅ Stage {n} updated: {field} = {value}",
    "participants_usage": "Usage: /participants [stage number], e.g. /participants 1",
    "participants_header": (
        "<b>Participants of {stage}</b>\nTotal {total} · online {online} · offline {offline}"
    ),
    "participants_by_institution": "<b>Per institution</b> (online/offline)",
    "participants_institution_line": "• {institution}: {total} ({online}/{offline})",
    "participants_list_header": "<b>List of participants</b>",
    "participants_line": "{i}. {name} — {institution} · {position} · {mode}{no_tg}",
    "participants_no_telegram": " · no Telegram",
    "participants_none": "No participants for {stage} yet.",
    "offline_entry_start": (
        "Registering an offline participant without Telegram. Type /cancel to stop.\n"
        "Participant's full name?"
    ),
    "offline_confirm_summary": (
        "<b>Check the offline participant's details</b>\n"
        "Name: {name}\n"
        "Institution: {institution}\n"
        "Position: {position}\n"
        "Stage: {stage}\n"
        "Attendance: {mode}"
    ),
    "offline_registered": "✅ {name} is registered for <b>{stage}</b> as an offline participant (P-{pid:04d}).",
    "offline_already": "{name} is already registered for <b>{stage}</b>.",
}

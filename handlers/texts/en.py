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
    "stage_line": "{marker} <b>{title}</b>\n   {days} · {venue}\n   Registration: {reg} · Ideas: {ideas} · Participants: {count}",
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
    # --- ideas ---
    "dim_governance": "Smart Governance",
    "dim_branding": "Smart Branding",
    "dim_economy": "Smart Economy",
    "dim_living": "Smart Living",
    "dim_society": "Smart Society",
    "dim_environment": "Smart Environment",
    "horizon_1": "Quick win · 1 year",
    "horizon_5": "Medium term · 5 years",
    "horizon_10": "Long term · 10 years",
    "horizon_unsure": "Not sure",
    "channel_online": "online participant",
    "channel_offline": "offline participant",
    "channel_secretariat": "entered by the secretariat",
    "attachment_photo": "📷 photo",
    "attachment_voice": "🎤 voice note",
    "attachment_document": "📄 document",
    "ideas_not_registered": "To send ideas, register for <b>{stage}</b> first: type /start.",
    "ideas_closed": "Idea collection for <b>{stage}</b> is closed. Thank you for taking part!",
    "ask_dimension": "Which dimension is your idea for?",
    "ask_horizon": "{dimension}\nFor which time horizon?",
    "ask_idea_content": (
        "{dimension} · {horizon}\n"
        "Send your idea: type it, or send a voice note, a photo or a document (a caption is welcome)."
    ),
    "idea_received": "✅ Idea <b>{ref}</b> received.\n{dimension} · {horizon}{attachment}\nThank you!",
    "idea_unsure_hint": "No time horizon given; next time add #1y, #5y or #10y.",
    "idea_already_received": "✅ We already have this idea: <b>{ref}</b>.",
    "idea_duplicate_text": "You already sent the same idea: <b>{ref}</b>. It is not stored twice.",
    "idea_too_many": "Too many ideas in one minute. Please wait a moment, then send again.",
    "idea_too_short": "The idea is too short (at least {min} characters). Please write a little more.",
    "idea_too_long": "The idea is too long ({length} characters, at most {max}). Split it into several ideas.",
    "idea_no_letters": "An idea needs words, not only emoji or symbols.",
    "idea_empty": "The idea cannot be empty. Please write your idea.",
    "idea_unsupported": "Send the idea as text, a voice note, a photo or a document. Stickers cannot be used.",
    "idea_file_too_big": "The file is too large (at most {max} MB).",
    "btn_another_idea": "➕ Send another idea",
    "hashtag_unknown": (
        "Unknown tag {tags}.\n"
        "Dimensions: {dimension_tags}\n"
        "Time horizon: {horizon_tags}\n"
        "Example: #economy #5y Online village market for Manggarai coffee"
    ),
    "hashtag_no_dimension": "Name one dimension with a tag, e.g. #economy.\nDimensions: {dimension_tags}",
    "hashtag_two_dimensions": "One idea, one dimension. Please send them as two ideas.",
    "hashtag_two_horizons": "Choose one time horizon only: {horizon_tags}",
    "myideas_none": "You have not sent ideas for <b>{stage}</b> yet. Type /idea to start.",
    "myideas_header": "<b>Your ideas — {stage}</b> ({first}–{last} of {total})",
    "myideas_line": "<b>{ref}</b> · {dimension} · {horizon}\n{text}",
    "btn_prev": "« Previous",
    "btn_next": "Next »",
    "idea_full": (
        "<b>Idea {ref}</b>\n"
        "Dimension: {dimension}\n"
        "Time horizon: {horizon}\n"
        "From: {author} — {institution}\n"
        "Channel: {channel}\n"
        "Sent: {created}{edited}{attachment}\n\n"
        "{text}"
    ),
    "idea_edited_note": " (edited {count}×)",
    "idea_attachment_line": "\nAttachment: {attachment}",
    "idea_no_text": "(no text)",
    "btn_edit_text": "✏️ Edit text",
    "btn_edit_dimension": "🏷 Change dimension",
    "btn_edit_horizon": "⏳ Change time horizon",
    "btn_withdraw": "🗑 Withdraw",
    "btn_open_attachment": "📎 Open attachment",
    "ask_new_text": "Send the new text for idea <b>{ref}</b> (or /cancel):",
    "idea_updated": "✅ Idea <b>{ref}</b> updated.",
    "confirm_withdraw": "Withdraw idea <b>{ref}</b>? Withdrawn ideas are left out of the summary.",
    "btn_yes_withdraw": "Yes, withdraw",
    "btn_no": "No",
    "idea_withdrawn": "Idea <b>{ref}</b> withdrawn.",
    "idea_not_found": "Idea not found.",
    "idea_edit_closed": "Idea collection for this stage is closed; ideas can no longer be changed.",
    "idea_is_withdrawn": "This idea has been withdrawn.",
    "review_header": "<b>Ideas — {stage}</b>\n{total} active ideas in total\n(1 y · 5 y · 10 y · not sure)",
    "review_line": "{dimension}: <b>{total}</b> ({h1} · {h5} · {h10} · {hu})",
    "review_latest_header": "<b>{dimension}</b> — {count} latest ideas",
    "review_latest_line": "<b>{ref}</b> · {horizon} · {author} ({institution})\n{text}",
    "review_none": "No ideas for {dimension} yet.",
    "not_allowed_facilitator": "Sorry, this command is for facilitators and the secretariat only.",
    "paper_start": "Paper idea of an offline participant. Type part of the participant's name (or /cancel):",
    "paper_no_match": "No participant of {stage} called “{query}”. Try again, or /cancel.",
    "paper_pick": "Choose the participant:",
    "paper_for": "Idea for <b>{name}</b> ({institution}).",
    "paper_stored": "✅ Paper idea <b>{ref}</b> stored for {name}.",
    "paper_query_short": "Type at least 2 letters of the participant's name.",
    "btn_open_ideas": "Open ideas of stage {n}",
    "btn_close_ideas": "Close ideas of stage {n}",
    "stage_ideas_opened": "Idea collection for stage {n} is open.",
    "stage_ideas_closed": "Idea collection for stage {n} is closed.",
    "ideas_open_word": "open",
    "ideas_closed_word": "closed",
    "help_ideas": (
        "/idea — send an idea (choose dimension and time horizon)\n"
        "   or at once: <code>#economy #5y Online village market</code>\n"
        "/myideas — your ideas: see, edit, withdraw"
    ),
    "help_facilitator": (
        "<b>Facilitator commands</b>\n/ideas — ideas per dimension, the latest, one in full"
    ),
    "help_secretariat_ideas": "/paperidea — enter a paper idea of an offline participant",
    # @export-texts (the export and roster-import feature adds its keys below)
    # @schedule-texts (the sessions, check-in and reminders feature adds its keys below)
}

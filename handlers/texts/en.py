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
    "stale_button": "This button is no longer active. Your data is kept. Type /help to see what you can do.",
    "invalid_button": "Unrecognised button. Nothing was changed.",
    "nothing_to_cancel": "There is nothing to cancel.",
    "cancelled": (
        "Cancelled. What you had not confirmed yet was not saved. Type /help to see what you can do."
    ),
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
    "inst_kind_opd": "Regional agency",
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
    "position_camat": "Sub-district head",
    "position_opd_staff": "Agency (OPD) staff",
    "position_village_head": "Village head",
    "position_consultant": "Consultant",
    "position_ministry_expert": "Ministry expert",
    "position_other": "Other",
    "ask_mode": "How will you attend {stage}?",
    "mode_offline": "Offline (in room)",
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
        "✅ Registered for <b>{stage}</b>.\n"
        "Attendance: <b>{mode}</b> · participant number P-{pid:04d}."
    ),
    "registered_online_link": "Online meeting link: {link}",
    "registered_venue": "Venue: {venue}",
    "already_registered": (
        "You are already registered for <b>{stage}</b> (attendance: <b>{mode}</b>). See /profile."
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
        "You already have a profile:\n{profile}\n\nRegister for <b>{stage}</b> with attendance "
        "<b>{mode}</b>?"
    ),
    # --- profile ---
    "profile_none": "You are not registered yet. Type /start to register.",
    "profile_show": "<b>Your profile</b>\n{profile}\n\n<b>Registrations</b>\n{registrations}",
    "profile_lines": "Name: {name}\nInstitution: {institution}\nPosition: {position}",
    "profile_registration_line": "• {stage}: {mode}",
    "profile_no_registrations": "• (none yet)",
    "profile_phone": "Phone: {phone}",
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
    "btn_make_current": "Activate stage {n}",
    "btn_open_reg": "Open sign-up {n}",
    "btn_close_reg": "Close sign-up {n}",
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
    "participants_usage": "Usage: /participants [stage], e.g. /participants I",
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
    "horizon_5": "Medium · 5 years",
    "horizon_10": "Long · 10 years",
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
    "idea_unsure_hint": "No time horizon given; next time add the hashtag #1y, #5y or #10y.",
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
    "btn_edit_horizon": "⏳ Change horizon",
    "btn_withdraw": "🗑 Cancel idea",
    "btn_open_attachment": "📎 Open attachment",
    "ask_new_text": "Send the new text for idea <b>{ref}</b> (or /cancel):",
    "idea_updated": "✅ Idea <b>{ref}</b> updated.",
    "confirm_withdraw": "Cancel idea <b>{ref}</b>? Cancelled ideas are left out of the summary.",
    "btn_yes_withdraw": "Yes, cancel it",
    "btn_no": "No",
    "idea_withdrawn": "Idea <b>{ref}</b> cancelled.",
    "idea_not_found": "Idea not found.",
    "idea_edit_closed": "Idea collection for this stage is closed; ideas can no longer be changed.",
    "idea_is_withdrawn": "This idea has been cancelled.",
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
    "btn_open_ideas": "Open ideas {n}",
    "btn_close_ideas": "Close ideas {n}",
    "stage_ideas_opened": "Idea collection for stage {n} is open.",
    "stage_ideas_closed": "Idea collection for stage {n} is closed.",
    "ideas_open_word": "open",
    "ideas_closed_word": "closed",
    "help_ideas": (
        "/idea — send an idea (choose dimension and time horizon)\n"
        "   or at once with hashtags: <code>#economy #5y Online village market</code>\n"
        "/myideas — your ideas: see, edit, cancel"
    ),
    "help_facilitator": (
        "<b>Facilitator commands</b>\n/ideas — ideas per dimension, the latest, one in full"
    ),
    "help_secretariat_ideas": "/paperidea — enter a paper idea of an offline participant",
    # --- roles, privacy, guards ---
    "privacy_notice": (
        "🔒 <b>Privacy notice</b>\n"
        "Your data is held by {organiser} to draft the Smart City master plan of {region}.\n"
        "Kept: name, institution, position, attendance mode and ideas; a phone number only if you "
        "share it.\n"
        "Only the secretariat sees personal data; the drafting team gets ideas with the "
        "institution's name.\n"
        "See your data: /mydata. Erase it: /deletemydata (backups forget it within "
        "{backup_days} days)."
    ),
    "btn_agree": "✅ I agree",
    "privacy_agreed": "✅ You accepted the privacy notice.",
    "mydata_summary": (
        "<b>Your data in this bot</b>\n"
        "Profile: {profile}\n"
        "Registrations: {registrations} · Ideas: {ideas} · Attendance: {attendance}\n"
        "The complete file is attached (JSON)."
    ),
    "mydata_no_profile": "none yet",
    "mydata_caption": "All your data in Bimtek Bot",
    "erase_confirm": (
        "⚠️ Erase your personal data? Your name, phone number and Telegram id are removed. Your ideas "
        "stay, without your name, for the drafting team. This cannot be undone."
    ),
    "btn_erase_yes": "Yes, erase my data",
    "erase_done": "Your personal data has been erased. Thank you for taking part.",
    "erase_cancelled": "Not erased. Your data stays as it was.",
    "phone_ask": "Share your phone number with the button below (optional), or type /cancel.",
    "btn_share_phone": "📱 Share my number",
    "btn_add_phone": "📱 Add phone number",
    "phone_saved": "✅ Phone number saved.",
    "phone_not_own": "Only your own number can be shared, with the button below.",
    "roles_header": "<b>Roles</b>",
    "roles_line": "• <code>{user_id}</code> — {role}{source}",
    "role_from_config": " (configuration)",
    "roles_usage": (
        "Usage:\n/roles — list roles\n/roles add ID facilitator|secretariat\n/roles remove ID"
    ),
    "role_granted": "✅ <code>{user_id}</code> is now {role}.",
    "role_revoked": "✅ Role of <code>{user_id}</code> removed.",
    "role_not_found": "<code>{user_id}</code> has no role granted from the chat.",
    "role_configured": (
        "The role of <code>{user_id}</code> comes from the configuration (BOT_ADMIN_IDS / "
        "BOT_FACILITATOR_IDS) and cannot be changed from the chat."
    ),
    "role_self": "You cannot change your own role.",
    "role_name_facilitator": "facilitator",
    "role_name_secretariat": "secretariat",
    "audit_header": "<b>Audit log</b> ({count} latest)",
    "audit_line": "{at} · {actor} · <code>{action}</code> {subject}",
    "audit_empty": "The audit log is empty.",
    "group_pointer": "Hello! I only work in a private chat: open @{bot} and type /start.",
    "flood_slow_down": "Too many messages in a short time. Please wait a moment, then try again.",
    "error_report": "⚠️ Error <code>{error}</code> while handling update {update_id} ({kind}). Details are in the log.",
    "help_privacy": "/mydata — all your data · /deletemydata — erase your personal data",
    "help_secretariat_admin": "/roles — grant or remove facilitator/secretariat roles\n/audit — audit log",
    # @ops-texts (operations: status, backup)
    "help_secretariat_ops": "/status — bot status: participants, ideas, reminders, last backup",
    "status_header": "<b>Bimtek Bot status</b>",
    "status_uptime": "⏱ Up since {since} ({uptime}), {mode} mode",
    "status_mode_polling": "long polling",
    "status_mode_webhook": "webhook",
    "status_days": "{d} d {h} h {m} min",
    "status_hours": "{h} h {m} min",
    "status_stages": "👥 <b>Participants and ideas per stage</b> (▶ current stage)",
    "status_stage_line": "{marker} {title}: {participants} participants, {ideas} ideas",
    "status_ideas": "💡 Ideas in all: {ideas}",
    "status_reminders": "🔔 Reminders queued: {queued} (being sent: {sending})",
    "status_backup": "💾 Last backup: <code>{name}</code>, {size}, {at} ({ago} ago); {count} kept",
    "status_backup_none": "💾 Last backup: none yet (run <code>bimtek-bot backup</code> on the server)",
    "status_backup_daily": "Automatic backup every day at {time} {zone}, the last {keep} kept in <code>{dir}</code>",
    "status_backup_off": "Automatic backup: off (BOT_BACKUP_TIME=off)",
    "status_database": "🗄 Database: {size}, schema version {version} (latest {latest})",
    # @export-texts (the export and roster-import feature adds its keys below)
    "help_secretariat_export": (
        "/export — Excel workbook for the drafting team (to share, or full with personal data)\n"
        "/importroster — import a list of offline participants (.xlsx or .csv)\n"
        "/rostertemplate — template of the participant list"
    ),
    "export_private_only": "This command works only in a private chat with the bot, because it holds participants' data.",
    "export_no_stages": "There is no stage to export yet.",
    "export_choose_stage": "<b>Excel export for the drafting team</b>\nChoose the stage:",
    "export_stage_button": "{title} · {ideas} ideas",
    "export_all_stages": "📚 All stages",
    "btn_export_full": "🔒 Full",
    "export_working": "⏳ Preparing the workbook of <b>{stage}</b> ({kind})…",
    "export_queued": "⏳ Another export is running; the workbook of <b>{stage}</b> follows it…",
    "export_done": "✅ Workbook of <b>{stage}</b> ({kind}) sent: {ideas} ideas, {participants} participants.",
    "export_caption": "{stage} · {kind} · {ideas} ideas · {participants} participants · {time}",
    "export_too_big": (
        "The workbook is too big for Telegram ({size} MB, at most 50 MB). "
        "It is saved on the server: <code>{path}</code>"
    ),
    "export_stale": "This choice was already used. Type /export for a new export.",
    "export_kind_full": "full",
    "export_kind_public": "public",
    # Words inside the workbook (the drafting team reads it in Bahasa Indonesia).
    "xlsx_all_stages": "All stages",
    "xlsx_reg_channel_self": "self, by chat",
    "xlsx_reg_channel_secretariat": "entered by the secretariat",
    "xlsx_reg_channel_import": "roster import",
    "xlsx_status_active": "active",
    "xlsx_status_withdrawn": "cancelled",
    "xlsx_attachment_photo": "photo",
    "xlsx_attachment_voice": "voice message",
    "xlsx_attachment_document": "document",
    "xlsx_yes": "Yes",
    "xlsx_no": "No",
    # Roster import.
    "roster_start": (
        "<b>Import a list of offline participants</b>\n"
        "Send an .xlsx or .csv file, one participant per row, with the columns "
        "Nama lengkap (full name), Instansi (institution), Kecamatan, Jabatan (position), Telepon (phone); "
        "only the full name and institution are required.\n"
        "Template: /rostertemplate. Type /cancel to stop."
    ),
    "roster_file_expected": "Send the list as an .xlsx or .csv file (a document), or type /cancel.",
    "roster_wrong_type": "“{name}” is not an .xlsx or .csv file. Send the list in one of those formats.",
    "roster_too_big": "The file is too big ({size} MB, at most {max} MB).",
    "roster_download_failed": "The file could not be downloaded from Telegram. Send it again, or type /cancel.",
    "roster_error_unreadable": "“{name}” cannot be read. Check the file, or use /rostertemplate.",
    "roster_error_no_header": (
        "No header row found in “{name}”. The header must have at least "
        "“Nama lengkap” (or “Name”) and “Instansi” (or “Institution”) (see /rostertemplate)."
    ),
    "roster_error_too_many_rows": "The list is too long (at most {max} participants per file). Split it into several files.",
    "roster_error_empty": "“{name}” has no participants in it.",
    "roster_preview": (
        "File <b>{name}</b>: {good} participants ready to import, {bad} rows with problems.\n"
        "Register them as offline participants for which stage?"
    ),
    "roster_nothing_good": "No row of <b>{name}</b> can be imported. Fix it and send it again, or type /cancel.",
    "roster_importing": "⏳ Importing {count} participants for <b>{stage}</b>…",
    "roster_report": (
        "✅ Import for <b>{stage}</b> done.\n"
        "Imported: <b>{imported}</b>\n"
        "Already registered: <b>{already}</b>\n"
        "Rows with problems: <b>{bad}</b>"
    ),
    "roster_problems_header": "<b>Rows with problems</b> (not imported):",
    "roster_problem_line": "Row {row}: {reason}",
    "roster_problem_name_empty": "the full name is empty",
    "roster_problem_name_too_short": "the name “{value}” is too short",
    "roster_problem_name_too_long": "the name is longer than {max} characters",
    "roster_problem_institution_empty": "the institution is empty",
    "roster_problem_institution_too_long": "the institution is longer than {max} characters",
    "roster_problem_position_unknown": "unknown position “{value}”",
    "roster_problem_kecamatan_unknown": "unknown kecamatan “{value}”",
    "roster_problem_phone_invalid": "invalid phone number “{value}”",
    "roster_problem_duplicate": "the same participant as row {value}",
    "roster_cancelled": "Import cancelled. Nothing was saved.",
    "roster_in_progress": "You are importing a participant list. Send the file, choose the stage, or type /cancel.",
    "roster_template_caption": "Template of the offline participant list: one participant per row, then send it with /importroster.",
    # @schedule-texts (the sessions, check-in and reminders feature adds its keys below)
    # @polls-texts (the polls and idea prioritisation feature adds its keys below)
    # --- polls ---
    "help_polls": (
        "/poll — ask participants a question (online and in the room at once)\n"
        "/results — poll results: counts, percentages, turnout; close, remind\n"
        "/handvotes — enter raised-hand votes of in-room participants without Telegram\n"
        "/prioritise — vote on the priority of ideas (per dimension or the top ideas)"
    ),
    "poll_no_stage": "No stage is running; polls go to the participants of the current stage.",
    "poll_ask_question": (
        "📊 <b>New poll</b>\nType the question (at most {max} characters).\nType /cancel to stop."
    ),
    "poll_question_empty": "The question cannot be empty. Type the question.",
    "poll_question_too_long": (
        "The question is too long: {length} characters, Telegram allows at most {max}. "
        "Shorten it and send it again."
    ),
    "poll_ask_options": (
        "Send the answer options ({min}–{max} options, each at most {length} characters): one "
        "per message, or several at once, one per line."
    ),
    "poll_option_empty": "This message has no option. Send the text of an answer option.",
    "poll_option_too_long": (
        "Option {number} is too long: {length} characters, Telegram allows at most {max}. No "
        "option of this message was kept; send it again."
    ),
    "poll_option_duplicate": "The option “{option}” is there already. No option of this message was kept.",
    "poll_too_many_options": (
        "At most {max} options (you have {have}). No option of this message was kept."
    ),
    "poll_too_few_options": "At least {min} options are needed.",
    "poll_options_so_far": (
        "Options so far ({count} of at most {max}):\n{options}\n\n"
        "Send another option, or tap <b>Done</b>."
    ),
    "poll_options_need_more": (
        "Options so far:\n{options}\n\nSend the next option (at least {min})."
    ),
    "btn_poll_options_done": "✅ Done",
    "poll_ask_multiple": "How many answers may each participant choose?",
    "btn_poll_single": "One answer",
    "btn_poll_multiple": "More than one",
    "poll_ask_anonymous": (
        "Anonymous or named?\nAnonymous: nobody knows who chose what. Named: facilitators still "
        "see only counts; names are only in the secretariat's full export."
    ),
    "btn_poll_anonymous": "🕶 Anonymous",
    "btn_poll_named": "👤 Named",
    "poll_ask_audience": "Who gets this poll?",
    "poll_ask_deadline": (
        "When does the poll close? Choose, or type how long: <code>30m</code> (minutes), "
        "<code>2h</code> or <code>2 hours</code>, <code>1 day</code>; or the time: "
        "<code>14:30</code> — {zone} time."
    ),
    "poll_deadline_none": "No deadline",
    "poll_deadline_minutes": "{n} minutes",
    "poll_deadline_hours": "{n} hours",
    "poll_deadline_days": "{n} days",
    "poll_deadline_at": "{label} — closes {when}",
    "poll_deadline_bad": (
        "“{value}” is not a time I know. Examples: <code>30m</code>, <code>2h</code>, "
        "<code>2 hours</code>, <code>1 day</code>, <code>14:30</code>, or tap a button."
    ),
    "poll_deadline_too_long": "{value} is too long: at most {max} days.",
    "poll_nobody": "Nobody the bot can reach is in {audience}. Choose other recipients.",
    "poll_multiple_yes": "More than one answer",
    "poll_multiple_no": "One answer",
    "poll_anonymous_yes": "anonymous",
    "poll_anonymous_no": "named",
    "poll_yes": "yes",
    "poll_no": "no",
    "poll_confirm": (
        "📊 <b>Check the poll</b>\n<b>{question}</b>\n{options}\n\n"
        "Type: {kind}\nRecipients: {audience} — {count} people\nDeadline: {deadline}\n"
        "Final result sent to participants: {share}"
    ),
    "btn_poll_send": "📤 Send to {count}",
    "btn_poll_share_on": "📢 Share results",
    "btn_poll_share_off": "🔕 Don't share",
    "poll_sent": "✅ Poll #{id} saved and being sent to {count} people. Its result is right below (tap Refresh).",
    "poll_discarded": "Poll cancelled; nothing was sent.",
    "poll_cancelled": "Cancelled. No poll was sent.",
    "poll_form_over": "This poll form is over. Type /poll to make a new one.",
    "poll_command_in_form": ("You are writing a poll. Finish it first, or type /cancel to stop."),
    "poll_not_found": "There is no poll #{id}. See the list with /results.",
    "poll_none": "No polls yet. Make one with /poll.",
    "poll_list_header": "<b>Latest polls</b> — tap a number for its result:",
    "poll_state_open": "🟢 open",
    "poll_state_closed": "🔒 closed",
    "results_usage": "Usage: <code>/results</code> (list) or <code>/results 3</code> (poll #3).",
    "poll_result_header": "📊 <b>Poll #{id}</b> — {status}",
    "poll_final_header": "📊 <b>Final result of poll #{id}</b> — {status}",
    "poll_status_open": "open",
    "poll_status_open_until": "open until {when}",
    "poll_status_closed": "closed {when}",
    "poll_option_result": "{number}. {text}\n{bar} {percent}% · {count}",
    "poll_option_modes": " (online {online} · in the room {offline})",
    "poll_turnout": (
        "👥 Answered: {voters} of {recipients} ({percent}%) — online {vo}/{ro} · in the room {vf}/{rf}"
    ),
    "poll_pending": "⏳ Not sent yet: {count}",
    "poll_undelivered": "⚠️ Not delivered (blocked or failed): {count}",
    "poll_invalid": "⚠️ Not counted (more than {max} choices): {count}",
    "poll_hand_header": "✋ <b>Raised hands</b> (in the room without Telegram, {entries} entries), per option:",
    "poll_combined": "Σ Telegram + hands: {combined}",
    "btn_poll_refresh": "🔄 Refresh",
    "btn_poll_hand": "✋ Add hand votes",
    "btn_poll_remind": "🔔 Send reminder",
    "btn_poll_close": "⏹ Close now",
    "poll_already_closed": "Poll #{id} is closed already.",
    "poll_close_ask": "Close poll #{id} now?\n<b>{question}</b>\nEvery copy of the poll is stopped; answers after this do not count.",
    "btn_poll_close_yes": "⏹ Yes, close it",
    "poll_closing": "⏹ Poll #{id} closed. Every copy is being stopped; the final result follows.",
    "poll_remind_ask": "Send a reminder to the {count} people who have not answered poll #{id}?",
    "btn_poll_remind_yes": "🔔 Send to {count}",
    "poll_remind_nobody": "Every recipient has answered.",
    "poll_remind_running": "A reminder for this poll is being sent.",
    "poll_remind_started": "🔔 A reminder of poll #{id} is being sent to {count} people.",
    "poll_remind_done": "🔔 Reminder of poll #{id}: {sent} sent, {failed} failed.",
    "poll_remind_text": "🔔 <b>Please answer this poll</b>: {question}\nTap your choice in the poll above.",
    "hand_usage": (
        "Usage: <code>/handvotes 3</code> (poll #3, then send the counts) or "
        "<code>/handvotes 3 1 12</code> (option 1: 12 votes)."
    ),
    "hand_ask": (
        "✋ <b>Raised hands — poll #{id}</b>\n{question}\n{options}\n\n"
        "Send <code>option_number count</code>, one per line, e.g. <code>1 12</code>. "
        "A negative number corrects. /cancel to stop."
    ),
    "hand_bad_line": (
        "I cannot read “{line}”. Write <code>option_number count</code>, e.g. <code>2 15</code>. "
        "Nothing was saved."
    ),
    "hand_bad_option": "There is no option {number} (1–{max}). Nothing was saved.",
    "hand_bad_count": "The count in “{line}” must be non-zero and at most {max}. Nothing was saved.",
    "hand_negative": "That correction takes an option below zero. Nothing was saved.",
    "hand_added": "✅ {votes} hand votes recorded for poll #{id}.",
    # --- idea prioritisation ---
    "prio_scope_top": "top ideas of this stage",
    "prio_question": "Choose at most {n} ideas to prioritise — {scope}",
    "prio_kind_line": "Choose at most {n} ideas · named (so that the limit of {n} can be enforced)",
    "prio_ranking_header": "🏆 <b>Ranking</b> (Telegram + hand votes):",
    "prio_ranking_line": "{rank}. {text} — {votes} votes",
    "prio_usage": (
        "Usage: <code>/prioritise</code> (choose a dimension) or "
        "<code>/prioritise #I-0012 #I-0015 #I-0020</code> (given ideas)."
    ),
    "prio_too_many": "At most {max} ideas in one vote.",
    "prio_not_found": "These ideas do not exist (or were cancelled, or are of another stage): {refs}. Nothing was made.",
    "prio_too_few": "At least 2 ideas with text are needed for a priority vote.",
    "prio_ask_scope": "🏆 <b>Idea priority vote</b>\nIdeas of which dimension? (at most {max} ideas)",
    "btn_prio_top": "⭐ Top ideas",
    "prio_ask_choices": "Ideas on the ballot ({count}):\n{options}\n\nAt most how many ideas may each participant choose?",
    "prio_invalid_notice": (
        "⚠️ Your vote is not counted yet: this vote allows at most {max} choices, you chose "
        "{chosen}. Retract your vote in the poll's menu, then choose again."
    ),
    # --- sessions and schedule ---
    "weekdays": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
    "months": "January,February,March,April,May,June,July,August,September,October,November,December",
    "day_format": "{weekday}, {day} {month} {year}",
    "session_block": "<b>{title}</b>\n🗓 {day} · {time}\n{place}",
    "place_room": "📍 Room: {room}",
    "place_room_unset": "📍 Room: to be announced",
    "place_link": "🔗 Link: {link}",
    "place_link_unset": "🔗 Link: sent before the session",
    "schedule_header": "<b>Schedule of {stage}</b>\nYour attendance: <b>{mode}</b>.",
    "schedule_header_unregistered": (
        "<b>Schedule of {stage}</b>\nYou are not registered for this stage; type /start to register."
    ),
    "schedule_zone_note": "Times in {zone}; in brackets: {zone2}.",
    "schedule_none": "No sessions are scheduled for <b>{stage}</b> yet.",
    "schedule_no_stage": "No stage is running, so there is no schedule yet.",
    "schedule_checked_in": "✅ You checked in",
    "help_schedule": "/schedule — your sessions (room or link)\n/checkin — check in (online participants)",
    "help_schedule_staff": (
        "/remind — send participants a reminder (now or later)\n"
        "/reminders — scheduled reminders; cancel"
    ),
    "help_schedule_secretariat": (
        "/editsession — edit a session\n/addsession — add a session\n/qr — attendance QR code of a session\n"
        "/markattendance — record attendance of people without Telegram\n/attendance — attendance summary"
    ),
    # --- session edits (secretariat) ---
    "editsession_usage": (
        "Usage: <code>/editsession ID field value</code>\n"
        "Fields: title, title_en, day (YYYY-MM-DD), start (HH:MM), end (HH:MM), room, link\n"
        "Example: <code>/editsession 3 room Bappeda Hall</code>"
    ),
    "editsession_bad_field": (
        "Unknown field “{field}”. Choose: title, title_en, day, start, end, room, link."
    ),
    "editsession_bad_day": "“{value}” is not a date. Write YYYY-MM-DD, e.g. 2021-06-21.",
    "editsession_bad_time": "“{value}” is not a time. Write HH:MM, e.g. 08:30.",
    "editsession_end_before_start": "The end must be after the start. Nothing was changed.",
    "editsession_bad_link": "The link must start with http:// or https://. Nothing was changed.",
    "editsession_too_long": "The value is too long (at most {max} characters).",
    "editsession_done": "✅ Session #{id} changed: {field} = {value}. Automatic reminders follow.",
    "no_such_session": "There is no session #{id}. See the session numbers in /schedule.",
    "addsession_usage": (
        "Usage: <code>/addsession STAGE YYYY-MM-DD HH:MM-HH:MM Title</code>\n"
        "Example: <code>/addsession 3 2021-11-08 08:30-12:00 Innovation briefing</code>"
    ),
    "addsession_done": "✅ Session #{id} added:\n\n{session}",
    # --- check-in ---
    "btn_checkin": "✅ Check in",
    "checkin_done": "✅ Attendance recorded ({mode}):\n\n{session}",
    "checkin_already": "You are already checked in to <b>{title}</b> since {time} ({mode}).",
    "checkin_not_open": (
        "Check-in for <b>{title}</b> is open only {opens}–{closes} ({day}). It is outside that time now."
    ),
    "checkin_none_open": "No session is in progress, so there is nothing to check in to.",
    "checkin_next": "Next session: <b>{title}</b>, {day} {time}.",
    "checkin_not_registered": "You are not registered yet. Type /start to register first.",
    "checkin_wrong_stage": (
        "You are not registered for <b>{stage}</b>, so you cannot check in to this session."
    ),
    "checkin_forged": (
        "This QR code is not valid. Nothing was recorded. Scan the QR code the secretariat shows "
        "in the room."
    ),
    "checkin_no_session": "This session is no longer on the schedule. Nothing was recorded.",
    "mark_usage": (
        "Usage: <code>/markattendance SESSION_ID name</code>\n"
        "Example: <code>/markattendance 1 Bernadus</code> (part of the name is enough)"
    ),
    "mark_no_match": "No participant of {stage} is called “{query}”.",
    "mark_pick": "Who attended session #{id}? Choose:",
    "mark_done": "✅ {name} recorded as present at session #{id} ({mode}).",
    "mark_already": "{name} is already recorded at session #{id} ({mode}). Nothing was changed.",
    "qr_pick": "Attendance QR code for which session? (or type <code>/qr ID</code>)",
    "qr_usage": "Usage: <code>/qr SESSION_ID</code>, e.g. <code>/qr 1</code>.",
    "qr_caption": "Attendance QR code — session #{id}\n{title}\n{day} · {time}\n{link}",
    "attendance_usage": "Usage: <code>/attendance [STAGE]</code>, e.g. <code>/attendance I</code>.",
    "attendance_header": "<b>Attendance — {stage}</b>",
    "attendance_line": "#{id} {day} {time} — {title}: <b>{present}</b> present (online {online}, offline {offline}) of {registered}",
    # --- reminders ---
    "reminder_day_before": "⏰ <b>Reminder</b> — tomorrow there is a session of {stage}:\n\n{session}",
    "reminder_soon": "⏰ <b>The session starts in {minutes} minutes</b> — {stage}:\n\n{session}",
    "reminder_custom": "📣 <b>Reminder</b>\n\n{text}",
    "reminder_checkin_hint": "Online participants: tap <b>Check in</b> to sign the attendance list.",
    "audience_all": "all participants of Stage {stage}",
    "audience_online": "online participants of Stage {stage}",
    "audience_offline": "in-room participants of Stage {stage}",
    "audience_not_checked_in": "those not checked in to session {session}",
    "audience_no_idea": "those without an idea in Stage {stage}",
    "audience_institution": "participants from {institution}",
    "btn_audience_all": "Everyone",
    "btn_audience_online": "Online only",
    "btn_audience_offline": "In the room only",
    "btn_audience_not_checked_in": "Not checked in yet",
    "btn_audience_no_idea": "No idea sent yet",
    "btn_audience_institution": "One institution…",
    "reminder_report": (
        "📬 <b>Reminder #{id} delivery report</b> ({audience})\n"
        "Sent: {sent}\nBlocked: {blocked}\nFailed: {failed}\n"
        "Unreachable (no Telegram or blocked the bot): {skipped}"
    ),
    "remind_usage": (
        "Usage: <code>/remind TIME text</code>\n"
        "TIME: <code>now</code>, <code>30m</code>, <code>2h</code> or <code>2 hours</code>, "
        "<code>14:30</code> (today) or <code>2021-06-21 08:00</code> — {zone} time.\n"
        "Example: <code>/remind 15m The afternoon session starts, please come back.</code>\n"
        "Then choose who gets it. Scheduled reminders: /reminders"
    ),
    "when_bad": "“{value}” is not a time I know. Examples: now, 30m, 2h, 2 hours, 14:30, 2021-06-21 08:00.",
    "when_past": "{value} is in the past. Write a time to come.",
    "when_too_far": "{value} is too far ahead (at most one year).",
    "remind_text_empty": "Write the reminder's text after the time, e.g. <code>/remind 30m The session starts</code>",
    "remind_text_too_long": "The reminder is too long (at most {max} characters).",
    "remind_no_stage": "No stage is running; reminders go to the participants of the current stage.",
    "remind_pick_audience": "Reminder for <b>{stage}</b> will be sent <b>{when}</b>:\n\n{text}\n\nWho gets it?",
    "remind_pick_institution": "Participants of which institution?",
    "remind_no_session": "There is no session that day, so “not checked in” cannot be used. Choose other recipients.",
    "remind_confirm": "The reminder will be sent <b>{when}</b> to {audience} — {count} people right now:\n\n{text}",
    "btn_schedule_reminder": "✅ Schedule",
    "btn_discard": "✖️ Cancel",
    "remind_scheduled": "✅ Reminder #{id} scheduled {when} for {audience}. See /reminders.",
    "remind_draft_gone": "This reminder draft is no longer valid. Type /remind again.",
    "remind_discarded": "Reminder cancelled; nothing was scheduled.",
    "reminders_none": "No reminders are scheduled.",
    "reminders_header": "<b>Scheduled reminders</b> ({zone} time)",
    "reminders_line": "#{id} · {when} · {kind} · {audience}\n{preview}",
    "reminders_more": "… and {count} more.",
    "reminder_kind_auto": "automatic",
    "reminder_kind_custom": "custom",
    "btn_cancel_reminder": "Cancel #{id}",
    "reminder_cancelled": "Reminder #{id} cancelled.",
    "reminder_not_cancellable": "Reminder #{id} can no longer be cancelled (status: {status}).",
    # --- h5: storage failures, cancelled forms ---
    "storage_failed_idea": (
        "⚠️ Your idea was <b>NOT saved</b>: the bot's storage has a problem right now. "
        "Please send the same idea again in a little while."
    ),
    "storage_failed_vote": (
        "⚠️ Your vote was <b>NOT recorded</b>: the bot's storage has a problem right now. "
        "Please vote again in a little while."
    ),
    "storage_failed_registration": (
        "⚠️ Your registration was <b>NOT saved</b>: the bot's storage has a problem right now. "
        "Please register again with /start in a little while."
    ),
    "storage_failed_other": (
        "⚠️ What you just sent was <b>NOT saved</b>: the bot's storage has a problem right now. "
        "Please send it again in a little while."
    ),
    "storage_failed_report": (
        "⚠️ The bot cannot write to its database (<code>{error}</code>): the disk is full, "
        "read-only or damaged. Senders are told that what they sent was not saved and asked to "
        "send it again. Please check the server. (This note comes at most once every {minutes} "
        "minutes.)"
    ),
    # --- h3: roles re-checked, forged input ---
    "role_bad_id": "<code>{user_id}</code> is not a valid Telegram id (a number of 1 to 16 digits). Nothing was changed.",
    "role_bot": "That is this bot's own id; the bot cannot be given a role. Nothing was changed.",
    "role_lost": "You no longer have the role this form needs, so it has been closed. Nothing was saved or changed.",
    "group_button": "This button works only in a private chat with the bot.",
    # --- h7: command table (menu descriptions, key menu_<Indonesian command>) ---
    "menu_start": "Register for the current stage",
    "menu_ide": "Send an idea",
    "menu_ideku": "My ideas",
    "menu_jadwal": "Session schedule",
    "menu_hadir": "Check in (online)",
    "menu_profil": "See and edit your profile",
    "menu_bahasa": "Change language",
    "menu_dataku": "All my data",
    "menu_batal": "Stop what is in progress",
    "menu_bantuan": "Help",
    "menu_rekapide": "Ideas per dimension",
    "menu_pengingat": "Send a reminder",
    "menu_daftarpengingat": "Scheduled reminders",
    "menu_polling": "Ask a poll",
    "menu_hasil": "Poll results",
    "menu_suaratangan": "Hand votes",
    "menu_prioritas": "Idea priority vote",
    "menu_ekspor": "Excel export for the drafting team",
    "menu_tahap": "Stages and registration",
    "menu_peserta": "Participants of a stage",
    "menu_impor": "Import a roster of offline participants",
    "menu_templatpeserta": "Roster template",
    "menu_daftarluring": "Register an offline participant",
    "menu_idekertas": "Enter a paper idea",
    "menu_kehadiran": "Attendance summary",
    "menu_catathadir": "Mark attendance without Telegram",
    "menu_qr": "Check-in QR code",
    "menu_ubahtahap": "Edit a stage",
    "menu_ubahsesi": "Edit a session",
    "menu_tambahsesi": "Add a session",
    "menu_peran": "Facilitator and secretariat roles",
    "menu_audit": "Audit log",
    "menu_status": "Bot status",
    # --- h4: privacy, files and roster limits ---
    "erase_backup_note": "Database backups that still hold it are deleted within {backup_days} days.",
    "review_attachment_unavailable": "This idea's attachment cannot be fetched from Telegram right now. Try again later.",
    "roster_error_too_large": (
        "The file “{name}” is far larger than any participant list, so it was not read. "
        "Nothing was imported. Send an ordinary list (at most {max} participants, one row per "
        "participant), for example from /rostertemplate."
    ),
    # --- h6: deliveries and floods ---
    "reminder_report_uncertain": (
        "Of these, {uncertain} were sent but never answered by Telegram: they may have arrived, "
        "and are not sent again so that nobody gets them twice."
    ),
    # --- similar: similarity, supports, attachments ---
    "review_supports": "👍 Supports: {count}",
    "btn_export_zip_full": "📎 Full + files",
    "btn_export_zip_public": "📎 Public + files",
    "export_zip_kind": "{kind}, with attachments",
    "export_zip_files": (
        "📎 {files} attachments in the .zip{skipped}. Open the .zip, then the workbook inside it: "
        "the Lampiran column links each file."
    ),
    "export_zip_skipped": " ({count} not included, the reason is in the Lampiran column)",
    "xlsx_attachment_too_big": "not included: {size} MB, over the 20 MB download limit",
    "xlsx_attachment_over_total": "not included: the .zip size limit was reached",
    "xlsx_attachment_unavailable": "not included: could not be fetched from Telegram",
    # --- regchange: registration changes and staff forms ---
    "ask_name_staff": "What is the participant's full name (with titles, if any)?",
    "name_empty_staff": "The name cannot be empty. Type the participant's full name.",
    "name_too_short_staff": "That name is too short. Type the participant's full name.",
    "ask_institution_kind_staff": "Where is the participant from?",
    "ask_institution_opd_staff": "Choose the participant's agency (or type its name):",
    "ask_institution_kecamatan_staff": "Choose the participant's sub-district (or type its name):",
    "ask_institution_typed_staff": "Type the name of the participant's institution:",
    "ask_position_staff": "What is the participant's position?",
    "ask_dimension_staff": "Which dimension is the participant's idea for?",
    "ask_horizon_staff": "{dimension}\nFor which time horizon is the participant's idea?",
    "ask_idea_content_staff": (
        "{dimension} · {horizon}\n"
        "Type the participant's idea as written on paper, or send a photo of the paper (a caption is welcome)."
    ),
    "stage_short": "Stage {n}",
    "mode_word_offline": "in the room",
    "mode_word_online": "online",
    "btn_switch_mode": "🔁 {stage}: {mode}",
    "profile_switch_hint": "Plans changed? The 🔁 buttons move a registration between online and in the room.",
    "switched_mode": "✅ {stage}: you now attend <b>{mode}</b>. Reminders and /schedule follow.",
    "switched_mode_same": "You already attend {stage} {mode}. Nothing was changed.",
    "change_stage_finished": "{stage} is over, so its registration is no longer changed.",
    "change_no_registration": "This registration no longer exists. Nothing was changed.",
    "menu_ubahpeserta": "Correct or withdraw a participant",
    "help_secretariat_registrations": (
        "<b>Participants' data</b>\n"
        "/editparticipant name — find a participant (also one without Telegram), then correct the "
        "name, institution, position or attendance, or withdraw a registration\n"
        "/editparticipant P-0012 — straight by participant number\n"
        "/editparticipant 1 7 — participant number 7 of /participants 1"
    ),
    "pedit_ask": (
        "Edit a participant. Type part of the participant's name, their number (e.g. P-0012), or a "
        "stage number and the number in /participants (e.g. 1 7). Type /cancel to stop."
    ),
    "pedit_no_match": "No participant called “{query}”. Try again, or /cancel.",
    "pedit_no_number": "No participant with number {number}. Try again, or /cancel.",
    "pedit_pick": "Choose the participant:",
    "pedit_screen": (
        "<b>Participant P-{pid:04d}</b>{no_tg}\n{profile}\n\n<b>Registrations</b>\n{registrations}\n\n"
        "What should change?"
    ),
    "btn_pedit_withdraw": "❌ Withdraw {stage}",
    "btn_pedit_done": "Done",
    "pedit_ask_name": "Name now: {old}\nType the participant's correct full name (with titles, if any):",
    "pedit_ask_institution": (
        "Institution now: {old}\nType the participant's correct institution "
        "(e.g. Dinas Kesehatan or Kecamatan Cibal):"
    ),
    "pedit_ask_position": "Position now: {old}\nWhat is the participant's position?",
    "pedit_saved": "✅ {field} changed: {old} → {new}.",
    "pedit_unchanged": "Nothing changed: {field} is already {new}.",
    "pedit_mode_saved": "✅ {stage}: {name} now attends <b>{mode}</b>.",
    "pedit_confirm_withdraw": (
        "Withdraw <b>{name}</b>'s registration for <b>{stage}</b>?\n"
        "They get no more reminders or polls and are not counted as registered in the export. "
        "Their ideas stay. They can register again later."
    ),
    "btn_pedit_withdraw_yes": "Yes, withdraw",
    "pedit_withdrawn": "✅ {name}'s registration for <b>{stage}</b> was withdrawn.",
    "pedit_gone": "This participant no longer exists. Search again with /editparticipant.",
    "pedit_done": "Done. The changes are saved.",
    # --- workbook: shareable workbook and participation ---
    "export_choose_kind_shareable": (
        "<b>{stage}</b>\n"
        "📤 <b>To share</b> — the drafting team's workbook: participants only by participant "
        "number, position and institution; no names, phones, Telegram ids, attachments, no audit "
        "log. Safe to pass on to the drafting team.\n"
        "🔒 <b>Full</b> — with personal data: names, phones and Telegram ids, for the "
        "secretariat only; every sheet is marked <i>BERISI DATA PRIBADI</i> (personal data)."
    ),
    "btn_export_shareable": "📤 To share",
    "export_kind_shareable": "to share",
    "export_kind_private": "full, WITH PERSONAL DATA",
    "xlsx_kind_shareable": "To share (participants by number, position and institution; no names, phones, Telegram ids or attachments)",
    "xlsx_kind_private": "Full — WITH PERSONAL DATA (names, phones, Telegram ids), secretariat only",
    "xlsx_private_mark": "⚠ PERSONAL DATA — secretariat only, do not share",
    "xlsx_page_footer": "Page &P of &N",
    # --- decisions: decisions and notes to authors ---
    "menu_keputusan": "Import the drafting team's decisions",
    "menu_kabarkeputusan": "Tell idea authors the decisions",
    "help_secretariat_decisions": (
        "/decisions — import the drafting team's decisions: send the /export workbook with its "
        "decision columns filled in (or send the file with the caption /decisions)\n"
        "/notifydecisions — send each idea author one short note of the decisions, in their "
        "language"
    ),
    "decision_status_accepted": "accepted",
    "decision_status_merged": "merged",
    "decision_status_rejected": "rejected",
    "decision_status_review": "needs review",
    "decision_category_policy": "policy and institutions",
    "decision_category_infrastructure": "infrastructure",
    "decision_category_application": "applications",
    "decision_category_literacy": "literacy",
    "decision_summary": "🏛 Drafting team's decision: <b>{status}</b>",
    "decision_merged": "merged into {ref}",
    "decision_programme": "programme “{programme}”",
    "decision_agency": "responsible: {agency}",
    "decision_horizon": "horizon {years} years",
    "decisions_start": (
        "<b>Import the drafting team's decisions</b>\n"
        "Send the Excel workbook (.xlsx) from /export with its decision columns (Keputusan, "
        "Digabung ke, Jangka waktu final, Instansi penanggung jawab, Kategori rencana aksi, Nama "
        "program, Catatan) filled in on the Ide sheet. Every row is checked first: if even one "
        "has a problem, nothing is applied. /cancel to stop."
    ),
    "decisions_file_expected": "Send the .xlsx from /export as a document, or /cancel.",
    "decisions_wrong_type": "“{name}” is not an .xlsx workbook. Send the workbook from /export.",
    "decisions_too_big": "The file is too large ({size} MB; at most {max} MB). Nothing was read.",
    "decisions_download_failed": "The file could not be fetched from Telegram. Please send it again.",
    "decisions_error_too_large": (
        "“{name}” is far larger than any exported workbook, so it was not read. Nothing was "
        "applied."
    ),
    "decisions_error_unreadable": "“{name}” cannot be read as an .xlsx workbook. Nothing was applied.",
    "decisions_error_no_sheet": "“{name}” has no sheet “{sheet}”. Send the workbook from /export.",
    "decisions_error_no_columns": (
        "The sheet “{sheet}” of “{name}” has no Referensi and Keputusan columns. Send the latest "
        "workbook from /export."
    ),
    "decisions_problems_header": (
        "❌ No decision was applied: {count} problems. Fix these rows, then send the file again:"
    ),
    "decisions_problem_line": "{sheet}, row {row}: {reason}",
    "decisions_problem_ref_invalid": "reference “{value}” is not an idea reference (e.g. #I-0042)",
    "decisions_problem_ref_unknown": "idea {value} does not exist",
    "decisions_problem_status_empty": "the decision is empty while other decision columns are filled",
    "decisions_problem_status_unknown": (
        "decision “{value}” is unknown (choose diterima, digabung, ditolak or perlu kajian)"
    ),
    "decisions_problem_merged_invalid": "“merged into” “{value}” is not an idea reference (e.g. #I-0042)",
    "decisions_problem_merged_self": "an idea cannot be merged into itself ({value})",
    "decisions_problem_merged_unknown": "the idea to merge into, {value}, does not exist",
    "decisions_problem_merged_not_merged": "“merged into” {value} is filled, but the decision is not “digabung”",
    "decisions_problem_merged_missing": "the decision “digabung” needs “merged into” (the target idea's reference)",
    "decisions_problem_horizon_unknown": "horizon “{value}” is unknown (choose 1, 5 or 10)",
    "decisions_problem_agency_unknown": "agency “{value}” is not in the workshop's list of agencies",
    "decisions_problem_category_unknown": (
        "category “{value}” is unknown (choose kebijakan dan kelembagaan, infrastruktur, "
        "aplikasi or literasi)"
    ),
    "decisions_problem_programme_too_long": "programme name too long (at most {max} characters): “{value}…”",
    "decisions_problem_note_too_long": "note too long (at most {max} characters): “{value}…”",
    "decisions_problem_duplicate": "the same idea is already on row {value}",
    "decisions_report": (
        "✅ Decisions applied from “{name}”: {applied} new, {changed} changed, "
        "{unchanged} unchanged."
    ),
    "decisions_cancelled": "Decision import cancelled. Nothing was changed.",
    "decisions_in_progress": "You are importing decisions. Send the file, or /cancel first.",
    "myideas_other_decisions": "<b>Decisions about your ideas of other stages</b>",
    "myideas_other_decision_line": "<b>{ref}</b> · {text}\n{decision}",
    "note_header": "📣 <b>News from the master plan drafting team</b>\nDecisions about the ideas you sent:",
    "note_line": "<b>{ref}</b> · {text}\n{decision}",
    "note_footer": "Thank you for your ideas. See them any time with /myideas.",
    "notes_confirm": (
        "<b>Decision notes to idea authors</b>\n"
        "• {to_send} authors will get one short message about their ideas\n"
        "• {already} already got a note of the same decisions (not sent again)\n"
        "• {unreachable} cannot be reached on Telegram\n"
        "Send now?"
    ),
    "notes_nothing": (
        "No new note to send: {already} authors already got a note of the same decisions, "
        "{unreachable} cannot be reached. Import decisions first with /decisions."
    ),
    "btn_notes_send": "📣 Send",
    "btn_notes_cancel": "Cancel",
    "notes_started": "Sending notes to {count} idea authors… A report follows.",
    "notes_cancelled_confirm": "No note was sent.",
    "notes_report": "Decision notes N-{id}: {sent} sent, {blocked} blocked the bot, {failed} failed.",
    # --- wording: privacy notice, next step, expired buttons, stage numerals, times ---
    "stale_button_unregistered": "This button is no longer active. Type /start to register.",
    "stage_numbered": "Stage {n}",
    "registered_next": (
        "Next: send your ideas — just type and send them here (or use /idea). "
        "The session schedule is at /schedule."
    ),
    "btn_disagree": "I do not agree",
    "privacy_declined": (
        "Fine, nothing about you was stored. Without your consent you cannot register through "
        "the bot; contact the secretariat, or type /start if you change your mind."
    ),
    "poll_deadline_past": "{value} has already passed. Write a time still to come.",
    # --- tags: hashtags and similar ideas ---
    "idea_not_saved": "<i>The idea is not saved yet.</i>",
    "tag_did_you_mean": "Did you mean {tag}?",
    "tag_pick_dimension": "This idea names two dimensions. Choose one:",
    "tag_pick_horizon": "{dimension}\nThis idea names two time horizons. Choose one:",
    "idea_long_choice": (
        "This idea is long ({length} characters; for easy reading the limit is {max}). "
        "Save it as it is, or split it at its paragraphs into {parts} ideas?"
    ),
    "idea_long_keep_only": (
        "This idea is long ({length} characters; for easy reading the limit is {max}) and has "
        "no paragraphs. Save it as it is? Or type /cancel and send it in several messages."
    ),
    "btn_keep_long": "Save as it is",
    "btn_split_long": "Split by paragraph",
    "similar_found": (
        "A similar idea already exists in this stage:\n<b>{ref}</b> · {dimension}\n{text}\n\n"
        "Support that idea, or send yours as a new idea anyway?"
    ),
    "btn_support_idea": "Support this idea",
    "btn_send_as_new": "Send as a new idea",
    "support_counted": (
        "👍 Your support for <b>{ref}</b> is recorded ({count} supports). "
        "Your idea was not saved as a new one."
    ),
    "support_already": (
        "You already support <b>{ref}</b>; a support counts once per person ({count} supports). "
        "Your idea was not saved as a new one."
    ),
    "similar_gone": "Idea {ref} has been withdrawn, so it cannot be supported. Send yours as a new idea?",
    "choice_expired": "This choice is no longer valid. Nothing was changed.",
    "idea_pick_horizon_below": "No time horizon yet: choose one below, or next time add #1y, #5y or #10y.",
    # --- intake: free-form ideas ---
    "intake_ask_dimension": (
        "📝 Your idea is kept as a draft: <i>{idea}</i>\n"
        "<b>Idea not saved yet.</b> Choose its dimension:"
    ),
    "intake_guess": "It looks like: <b>{dimension}</b> (first button)",
    "intake_ask_horizon": (
        "📝 <i>{idea}</i>\n{dimension}\n"
        "<b>Idea not saved yet.</b> For which time frame? The idea is saved right after."
    ),
    "intake_greeting": (
        "Hello! 👋 To send an idea, just write it here in one message (a photo, voice note or "
        "document is fine too), or type /idea. All commands: /help."
    ),
    "intake_thanks": "You're welcome! 🙏 Send another idea any time: just write it here. All commands: /help.",
    "intake_question": (
        "To send an idea, just write it here in one message (a photo, voice note or document is "
        "fine too); I ask its dimension and time frame with buttons. Or type /idea. "
        "Schedule: /schedule. All commands: /help."
    ),
    "intake_short": (
        "This message is too short for an idea. <b>Idea not saved yet.</b> Write the idea in "
        "one sentence, for example: <i>Online village market for Manggarai coffee</i>. "
        "All commands: /help."
    ),
    "intake_register_first": "To send ideas, register first for <b>{stage}</b>: type /register.",
    "intake_kept_register": (
        "📝 Your idea is kept as a draft. <b>Idea not saved yet.</b>\n"
        "Register first for <b>{stage}</b>: tap /register. Once registered, you are offered to "
        "save this idea right away."
    ),
    "intake_kept_form_open": (
        "📝 Your idea is kept as a draft. <b>Idea not saved yet.</b>\n"
        "The previous form is still open: choose one of the buttons above, or type /cancel. Then you are offered to save this idea."
    ),
    "intake_kept_next": (
        "📝 This idea is kept as a draft too: <i>{idea}</i>\n"
        "<b>Idea not saved yet.</b> First finish the previous idea below; this one is offered "
        "after it."
    ),
}

// The one table of error codes: HTTP status and a message a person can act on, in Vietnamese and English.
// Domain code throws AppError with a code from here; the HTTP adapter maps it (src/http/error-handler.ts).

export interface ErrorEntry {
  readonly status: number;
  readonly vi: string;
  readonly en: string;
}

export const errorCatalogue = {
  // Request shape (raised by the HTTP layer)
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is invalid.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  MALFORMED_REQUEST: { status: 400, vi: 'Yêu cầu không đúng định dạng.', en: 'The request is malformed.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên vượt quá dung lượng cho phép.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Kiểu nội dung gửi lên không được hỗ trợ.', en: 'The request content type is not supported.' },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy địa chỉ được yêu cầu.', en: 'The requested address does not exist.' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ cho địa chỉ này.', en: 'This method is not allowed here.' },
  NOT_ACCEPTABLE: { status: 406, vi: 'Không thể trả về kiểu nội dung được yêu cầu.', en: 'The requested response type cannot be produced.' },
  // Identity and access
  UNAUTHENTICATED: { status: 401, vi: 'Vui lòng đăng nhập để tiếp tục.', en: 'Please sign in to continue.' },
  INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'The username or password is incorrect.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã được sử dụng.', en: 'This username is already taken.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài khoản.', en: 'The account was not found.' },
  ACCOUNT_SELF_DISABLE: { status: 409, vi: 'Không thể tự khóa tài khoản của chính mình.', en: 'You cannot disable your own account.' },
  SESSION_EXPIRED: { status: 401, vi: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.', en: 'Your session has expired; please sign in again.' },
  WEAK_PASSWORD: { status: 400, vi: 'Mật khẩu phải có ít nhất 10 ký tự.', en: 'The password must have at least 10 characters.' },
  // Units
  UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan, đơn vị.', en: 'The unit was not found.' },
  UNIT_CODE_TAKEN: { status: 409, vi: 'Mã định danh cơ quan, đơn vị đã tồn tại.', en: 'A unit with this identifier code already exists.' },
  UNIT_PARENT_NOT_FOUND: { status: 422, vi: 'Không tìm thấy cơ quan cấp trên.', en: 'The parent unit was not found.' },
  UNIT_PARENT_CYCLE: { status: 422, vi: 'Không thể đặt một đơn vị làm cấp dưới của chính nó.', en: 'A unit cannot be placed under itself or one of its own sub-units.' },
  UNIT_PARENT_NOT_VALID: { status: 422, vi: 'Cơ quan cấp trên không còn hiệu lực vào ngày này.', en: 'The parent unit is not in force on that date.' },
  UNIT_INVALID_DATES: { status: 422, vi: 'Ngày hết hiệu lực phải sau ngày có hiệu lực.', en: 'The end date must not be before the start date.' },
  UNIT_MOVE_DATE_INVALID: { status: 422, vi: 'Ngày chuyển cơ quan cấp trên phải sau lần thay đổi trước.', en: 'The date of the move must be after the previous change of parent.' },
  UNIT_VERSION_CONFLICT: { status: 409, vi: 'Đơn vị đã được người khác cập nhật. Vui lòng tải lại và thử lại.', en: 'Someone else updated this unit. Reload and try again.' },
  UNIT_IN_USE: { status: 409, vi: 'Đơn vị đang được sử dụng (có đơn vị trực thuộc, cán bộ hoặc dữ liệu liên quan); hãy cho đơn vị hết hiệu lực thay vì xóa.', en: 'The unit is in use (sub-units, staff or other records refer to it); close it with an end date instead of deleting it.' },
  UNIT_OFFICE_HOURS_PAST: { status: 422, vi: 'Giờ làm việc mới chỉ áp dụng từ hôm nay trở đi; không sửa giờ làm việc của những ngày đã qua.', en: 'New office hours apply from today on; the hours of past days cannot be changed.' },
  UNIT_IMPORT_INVALID: { status: 422, vi: 'Tệp danh sách đơn vị có dòng không hợp lệ; không dòng nào được nhập.', en: 'The unit file has invalid rows; nothing was imported.' },
  // Legal clock
  CALENDAR_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lịch làm việc.', en: 'The calendar was not found.' },
  CALENDAR_EXISTS: { status: 409, vi: 'Đơn vị này đã có lịch làm việc riêng.', en: 'This unit already has its own calendar.' },
  CALENDAR_YEAR_INVALID: { status: 422, vi: 'Danh sách ngày nghỉ của năm không hợp lệ.', en: 'The year’s list of days off is invalid.' },
  RULE_SET_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bộ quy tắc tính thời hạn.', en: 'The rule set was not found.' },
  DUE_DATE_INPUT_INVALID: { status: 422, vi: 'Không tính được thời hạn với dữ liệu đã gửi.', en: 'The due date cannot be computed from these data.' },
  // Catalogue
  PROCEDURE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thủ tục hành chính.', en: 'The administrative procedure was not found.' },
  PROCEDURE_VERSION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy phiên bản này của thủ tục hành chính.', en: 'This version of the procedure was not found.' },
  PROCEDURE_NOT_IN_FORCE: { status: 422, vi: 'Thủ tục hành chính không có phiên bản được công bố có hiệu lực vào ngày này.', en: 'No published version of the procedure is in force on that date.' },
  PROCEDURE_CASE_NOT_FOUND: { status: 422, vi: 'Phiên bản thủ tục đang có hiệu lực không có trường hợp này.', en: 'The version of the procedure in force has no such case.' },
  PROCEDURE_CODE_TAKEN: { status: 409, vi: 'Mã thủ tục hành chính đã tồn tại.', en: 'A procedure with this code already exists.' },
  PROCEDURE_DRAFT_EXISTS: { status: 409, vi: 'Thủ tục đã có một bản dự thảo; hãy sửa hoặc công bố bản dự thảo đó.', en: 'The procedure already has a draft; edit or publish that draft.' },
  PROCEDURE_VERSION_NOT_DRAFT: { status: 409, vi: 'Phiên bản đã công bố không thể sửa hoặc xóa; hãy tạo phiên bản dự thảo mới.', en: 'A published version cannot be changed or deleted; create a new draft instead.' },
  PROCEDURE_VERSION_CONFLICT: { status: 409, vi: 'Bản dự thảo đã được người khác cập nhật. Vui lòng tải lại và thử lại.', en: 'Someone else updated this draft. Reload and try again.' },
  PROCEDURE_INVALID: { status: 422, vi: 'Thủ tục chưa đủ điều kiện công bố (xem chi tiết).', en: 'The procedure cannot be published yet (see the details).' },
  PROCEDURE_EFFECTIVE_DATE_INVALID: { status: 422, vi: 'Ngày có hiệu lực phải sau ngày có hiệu lực của phiên bản đã công bố trước đó.', en: 'The effective date must be after that of the previous published version.' },
  PROCEDURE_UNIT_NOT_FOUND: { status: 422, vi: 'Không tìm thấy cơ quan thực hiện.', en: 'The implementing unit was not found.' },
  PROCEDURE_IMPORT_INVALID: { status: 422, vi: 'Tệp thủ tục hành chính có mục không hợp lệ; không mục nào được nhập.', en: 'The procedure file has invalid entries; nothing was imported.' },
  // Process definitions (workflow)
  PROCESS_DEFINITION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy quy trình.', en: 'The process definition was not found.' },
  PROCESS_DEFINITION_NOT_IN_FORCE: { status: 422, vi: 'Thủ tục này chưa có quy trình nội bộ được ban hành có hiệu lực vào ngày này.', en: 'No published process definition is in force for this procedure case on that date.' },
  PROCESS_DEFINITION_PUBLISHED: { status: 409, vi: 'Quy trình đã ban hành không được sửa; hãy tạo phiên bản mới.', en: 'A published process definition cannot be changed; create a new version.' },
  PROCESS_DEFINITION_REVISION_CONFLICT: { status: 409, vi: 'Quy trình đã được người khác cập nhật. Vui lòng tải lại và thử lại.', en: 'Someone else updated this process definition. Reload and try again.' },
  PROCESS_DEFINITION_INVALID: { status: 422, vi: 'Quy trình chưa hợp lệ để ban hành (xem danh sách lỗi).', en: 'The process definition cannot be published yet (see the problems listed).' },
  PROCESS_DEFINITION_PAST_DATE: { status: 422, vi: 'Ngày có hiệu lực phải từ hôm nay và sau phiên bản đang có hiệu lực.', en: 'The effective date must be today or later, and after the version in force.' },
  // Dossiers
  DOSSIER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ.', en: 'The dossier was not found.' },
  DOSSIER_NOT_RECEIVED: { status: 409, vi: 'Hồ sơ chưa được tiếp nhận.', en: 'The dossier has not been received yet.' },
  DOSSIER_TRANSITION_NOT_ALLOWED: { status: 409, vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.', en: 'This action is not possible in the dossier’s current status.' },
  DOSSIER_CLOSED: { status: 409, vi: 'Hồ sơ đã kết thúc (đã trả kết quả, rút, dừng hoặc hủy); không thể thay đổi.', en: 'The dossier is closed (returned, withdrawn, stopped or cancelled) and cannot change.' },
  DOSSIER_NOT_RESOLVED: { status: 409, vi: 'Hồ sơ chưa giải quyết xong; chưa thể trả kết quả.', en: 'The dossier is not resolved yet; there is no result to return.' },
  DOSSIER_PAUSED: { status: 409, vi: 'Hồ sơ đang chờ công dân bổ sung hoặc thực hiện nghĩa vụ tài chính.', en: 'The dossier is waiting for the applicant (supplement or payment).' },
  DOSSIER_DECISION_TAKEN: { status: 409, vi: 'Hồ sơ đã có quyết định giải quyết; không thể rút hoặc dừng.', en: 'A decision has been taken; the dossier can no longer be withdrawn or stopped.' },
  DOSSIER_DECISION_REQUIRED: { status: 422, vi: 'Bước phê duyệt cần ghi nhận quyết định (đồng ý hoặc từ chối, kèm lý do khi từ chối).', en: 'The decision step needs a decision (approve, or refuse with a reason).' },
  DOSSIER_APOLOGY_ALREADY_ISSUED: { status: 409, vi: 'Hồ sơ đã có văn bản xin lỗi và hẹn lại; chỉ được hẹn lại một lần.', en: 'An apology with a new date was already issued; the date may be moved only once.' },
  DOSSIER_APOLOGY_DATE_INVALID: { status: 422, vi: 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại.', en: 'The new appointment must be after the current one.' },
  DOSSIER_MISSING_COMPONENTS: { status: 422, vi: 'Hồ sơ còn thiếu thành phần bắt buộc.', en: 'Mandatory components of the dossier are missing.' },
  DOSSIER_UNKNOWN_COMPONENT: { status: 422, vi: 'Thành phần hồ sơ không có trong danh mục của thủ tục.', en: 'A component is not one the procedure requires.' },
  DOSSIER_UNIT_CANNOT_RECEIVE: { status: 422, vi: 'Đơn vị này không tiếp nhận hồ sơ của thủ tục này.', en: 'This unit does not receive dossiers for this procedure.' },
  DOSSIER_CHANNEL_NOT_OFFERED: { status: 422, vi: 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến; vui lòng nộp trực tiếp hoặc qua bưu chính.', en: 'This procedure is not offered online; file it in person or by post.' },
  DOSSIER_DRAFT_TOKEN_INVALID: { status: 403, vi: 'Mã truy cập hồ sơ nháp không đúng.', en: 'The draft access token is not valid.' },
  DOSSIER_TASK_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bước xử lý của hồ sơ.', en: 'The processing step was not found.' },
  DOSSIER_TASK_NOT_ACTIVE: { status: 409, vi: 'Bước xử lý này không còn đang thực hiện.', en: 'This processing step is not in progress.' },
  DOSSIER_TASK_WRONG_ACTION: { status: 409, vi: 'Bước này được hoàn thành bằng thao tác khác (trả kết quả hoặc trả lời xin ý kiến).', en: 'This step is completed by another action (returning the result or answering the consultation).' },
  DOSSIER_SEND_BACK_TARGET_INVALID: { status: 422, vi: 'Không thể chuyển trả hồ sơ về bước đã chọn.', en: 'The dossier cannot be sent back to that step.' },
  DOSSIER_ASSIGNEE_INVALID: { status: 422, vi: 'Người được giao không có vai trò phù hợp tại đơn vị xử lý.', en: 'The assignee does not hold the step’s role in its unit.' },
  DOSSIER_RECEIPT_TIME_INVALID: { status: 422, vi: 'Thời điểm ký biên bản giao nhận không hợp lệ (không được sau hiện tại).', en: 'The hand-over time is invalid (it cannot be in the future).' },
  DOSSIER_EARLY_NOTICE_NOT_ALLOWED: { status: 409, vi: 'Chỉ thông báo trả sớm cho hồ sơ đã giải quyết xong trước hẹn, một lần.', en: 'An early-return notice is sent once, for a dossier resolved before its appointment.' },
  DOSSIER_STEP_UNIT_UNRESOLVED: { status: 422, vi: 'Không xác định được đơn vị thực hiện bước trong quy trình.', en: 'The unit of a process step could not be determined.' },
  DOSSIER_CONCURRENT_UPDATE: { status: 409, vi: 'Hồ sơ đang được người khác cập nhật. Vui lòng thử lại.', en: 'Someone else is updating this dossier. Please try again.' },
  DOSSIER_IMPORT_INVALID: { status: 422, vi: 'Tệp hồ sơ nhập có dòng không hợp lệ; không hồ sơ nào được nhập.', en: 'The dossier file has invalid lines; nothing was imported.' },
  REPORT_PERIOD_INVALID: { status: 422, vi: 'Kỳ báo cáo không hợp lệ: chọn một kỳ (năm, tháng, quý, 6 hoặc 9 tháng) hoặc từ ngày đến ngày, từ ngày không sau đến ngày.', en: 'The reporting period is invalid: give a named period (year, month, quarter, 6 or 9 months) or from and to, with from not after to.' },
  REPORT_GROUP_REQUIRED: { status: 422, vi: 'Chọn dòng của báo cáo (group) khi báo cáo được chia theo nhóm.', en: 'Give the report row (group) when the report is grouped.' },
  DOSSIER_ATTACHMENT_UNKNOWN: { status: 422, vi: 'Hồ sơ tham chiếu tệp đính kèm không tồn tại; hãy tải tệp lên trước rồi dùng mã tệp được trả về.', en: 'The dossier refers to an attachment that does not exist; upload the file first and use the id it returns.' },
  // Attachments
  ATTACHMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp đính kèm.', en: 'The attachment was not found.' },
  ATTACHMENT_MISSING_FILE: { status: 400, vi: 'Yêu cầu không có tệp; hãy gửi tệp trong trường "file" (multipart/form-data).', en: 'No file was sent; send it in the "file" field (multipart/form-data).' },
  ATTACHMENT_TOO_LARGE: { status: 413, vi: 'Tệp vượt quá dung lượng cho phép.', en: 'The file is larger than allowed.' },
  ATTACHMENT_EMPTY: { status: 422, vi: 'Tệp rỗng.', en: 'The file is empty.' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, vi: 'Loại tệp không được chấp nhận; chỉ nhận PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT.', en: 'This type of file is not accepted; only PDF, JPEG, PNG, TIFF, DOCX, XLSX and ODT are.' },
  ATTACHMENT_CONTENT_MISMATCH: { status: 415, vi: 'Nội dung tệp không khớp với phần mở rộng của tên tệp.', en: 'The content of the file does not match its name’s extension.' },
  ATTACHMENT_NAME_INVALID: { status: 422, vi: 'Tên tệp không hợp lệ (không được chứa đường dẫn, ký tự điều khiển hoặc quá dài).', en: 'The file name is invalid (no paths, control characters or overlong names).' },
  // Documents (forms, signatures)
  // Background jobs
  JOB_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tác vụ nền.', en: 'The background job was not found.' },
  JOB_NOT_DEAD: { status: 409, vi: 'Chỉ chạy lại được tác vụ đã thất bại hẳn (trạng thái "dead"); tác vụ này đang chờ, đang chạy hoặc đã xong.', en: 'Only a job that failed for good (state "dead") can be replayed; this one is queued, running or done.' },
  DOCUMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy văn bản.', en: 'The document was not found.' },
  DOCUMENT_NOT_APPLICABLE: { status: 409, vi: 'Hồ sơ không có biểu mẫu này (chưa phát sinh).', en: 'The dossier has no such form (it has not been issued).' },
  DOCUMENT_LAYOUT_UNSUPPORTED: { status: 422, vi: 'Phiên bản mẫu biểu này không được hỗ trợ.', en: 'This form layout version is not supported.' },
  DOCUMENT_NO_CERTIFICATE: { status: 409, vi: 'Đơn vị chưa có chứng thư số để ký văn bản; quản trị viên cần tải chứng thư số lên.', en: 'The unit has no signing certificate; an administrator must upload one.' },
  SIGNING_CERTIFICATE_INVALID: { status: 422, vi: 'Không đọc được chứng thư số (tệp PKCS#12 hoặc mật khẩu không đúng, hoặc thiếu khóa bí mật).', en: 'The certificate cannot be read (wrong PKCS#12 file or passphrase, or no private key).' },
  PDF_INVALID: { status: 422, vi: 'Tệp gửi lên không phải PDF hợp lệ.', en: 'The file is not a valid PDF.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.', en: 'This Idempotency-Key was already used for a different request.' },
  // Backup and restore (command line)
  BACKUP_TARGET_EXISTS: { status: 409, vi: 'Nơi lưu bản sao lưu đã tồn tại; hãy chọn một thư mục mới (bản sao lưu không bao giờ ghi đè).', en: 'The backup target already exists; choose a new directory (a backup never overwrites).' },
  BACKUP_SOURCE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ sở dữ liệu cần sao lưu.', en: 'The database to back up was not found.' },
  BACKUP_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bản sao lưu (thư mục có tệp manifest.json).', en: 'The backup was not found (a directory holding manifest.json).' },
  BACKUP_INVALID: { status: 422, vi: 'Đây không phải bản sao lưu MotCua hợp lệ hoặc tệp manifest.json đã bị sửa đổi.', en: 'This is not a valid MotCua backup, or its manifest.json was altered.' },
  BACKUP_CHECKSUM_MISMATCH: { status: 422, vi: 'Bản sao lưu bị hỏng hoặc bị sửa đổi: nội dung không khớp mã băm trong manifest; không khôi phục.', en: 'The backup is damaged or was altered: its content does not match the checksums of its manifest; nothing was restored.' },
  BACKUP_SCHEMA_NEWER: { status: 422, vi: 'Bản sao lưu được tạo bởi phiên bản MotCua mới hơn (có bước nâng cấp cơ sở dữ liệu mà phiên bản này không biết); hãy cập nhật MotCua trước khi khôi phục.', en: 'The backup was made by a newer MotCua (it has database migrations this version does not know); upgrade MotCua before restoring it.' },
  BACKUP_DIALECT_MISMATCH: { status: 422, vi: 'Bản sao lưu thuộc loại cơ sở dữ liệu khác (SQLite/PostgreSQL) với cơ sở dữ liệu đích.', en: 'The backup is of another kind of database (SQLite/PostgreSQL) than the target.' },
  RESTORE_TARGET_NOT_EMPTY: { status: 409, vi: 'Cơ sở dữ liệu hoặc thư mục tệp đích đã có dữ liệu; dùng --force để ghi đè (hãy dừng máy chủ trước).', en: 'The target database or files directory already holds data; use --force to overwrite it (stop the server first).' },
  BACKUP_TOOL_FAILED: { status: 500, vi: 'Công cụ sao lưu của cơ sở dữ liệu (pg_dump/pg_restore) báo lỗi.', en: 'The database backup tool (pg_dump/pg_restore) failed.' },
  BACKUP_VERIFY_FAILED: { status: 500, vi: 'Kiểm tra bản sao không đạt (toàn vẹn hoặc số dòng không khớp).', en: 'The copy failed its check (integrity or row counts do not match).' },
  // Infrastructure
  // Overload is shed, never queued: the client is told when to come back (Retry-After)
  SERVICE_OVERLOADED: { status: 503, vi: 'Hệ thống đang quá tải, yêu cầu chưa được thực hiện. Vui lòng thử lại sau ít giây.', en: 'The service is overloaded; the request was not carried out. Please try again in a few seconds.' },
  RATE_LIMITED: { status: 429, vi: 'Bạn đã gửi quá nhiều yêu cầu loại này trong thời gian ngắn. Vui lòng thử lại sau.', en: 'Too many requests of this kind in a short time. Please try again later.' },
  NOT_READY: { status: 503, vi: 'Hệ thống đang khởi động hoặc mất kết nối cơ sở dữ liệu.', en: 'The service is starting or cannot reach its database.' },
  INTERNAL_ERROR: { status: 500, vi: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.', en: 'Something went wrong on our side. Please try again later.' },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

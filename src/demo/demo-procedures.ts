// Demo procedure catalogue of An Giang province (data only). Names, steps, time limits, fees and
// components follow the national procedure database and the laws cited; codes have the national shape
// (1.001193 birth registration, 1.000894 marriage and 1.000656 death registration are the national codes;
// the others are illustrative). Implementing units are unit codes of demo-data.ts, resolved at seed time.
import type { ProcedureCaseInput, ProcedureDocumentInput } from '../catalog/procedure-document.js';

export interface DemoProcedure extends Omit<ProcedureDocumentInput, 'implementingUnitIds'> {
  readonly code: string;
  readonly implementingUnitCodes: readonly string[];
  /** Earlier published versions, oldest first: what differed from the current one, and from when. */
  readonly earlier?: ReadonlyArray<{ readonly effectiveFrom: string; readonly changes: Partial<Omit<DemoProcedure, 'code' | 'earlier'>> }>;
}

/** Current versions are in force from the start of two-tier local government. */
export const DEMO_CATALOGUE_FROM = '2025-07-01';

/** The references the dossier module's tests use. */
export const DEMO_PROCEDURES = {
  birthRegistration: { code: '1.001193', caseCode: 'TH1' },
  certifiedCopy: { code: '2.000815', caseCode: 'TH1' },
  businessHousehold: { code: '2.000720', caseCode: 'TH1' },
  landTransfer: { code: '1.004227', caseCode: 'TH1' },
  constructionPermit: { code: '1.009972', caseCode: 'TH1' },
  identityCard: { code: '1.013093', caseCode: 'TH1' },
} as const;

const COMMUNES = ['000.21.45.H01', '000.22.45.H01', '000.23.45.H01', '000.24.45.H01', '000.25.45.H01'];
const PROVINCE_CENTRE = '000.01.01.H01';
const LAND_OFFICE = '000.01.12.H01';
const TAX = '000.00.31.H01';
const POLICE = '000.00.32.H01';
const JUSTICE = '000.00.11.H01';
const CONSTRUCTION = '000.00.13.H01';
const AGRICULTURE_ENVIRONMENT = '000.00.25.H01';
const HOME_AFFAIRS = '000.00.15.H01';

const ALL_CHANNELS = ['in_person', 'online', 'postal'] as const;
const commune = { levels: ['commune'] as const, implementingUnitCodes: COMMUNES, implementingUnitsText: 'Ủy ban nhân dân cấp xã' };

const STEPS_COMMUNE = [
  'Bước 1: Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã, qua dịch vụ bưu chính hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.',
  'Bước 2: Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì viết Giấy tiếp nhận và hẹn trả kết quả; chưa đầy đủ thì hướng dẫn bổ sung một lần.',
  'Bước 3: Công chức chuyên môn xử lý, trình Chủ tịch Ủy ban nhân dân cấp xã ký kết quả.',
  'Bước 4: Trả kết quả tại Trung tâm Phục vụ hành chính công, qua bưu chính hoặc bản điện tử.',
].join('\n');

const STEPS_PROVINCE = [
  'Bước 1: Tổ chức, cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh, qua dịch vụ bưu chính công ích hoặc trực tuyến.',
  'Bước 2: Bộ phận Một cửa kiểm tra, tiếp nhận hồ sơ và chuyển cơ quan chuyên môn.',
  'Bước 3: Cơ quan chuyên môn thẩm định, trình lãnh đạo có thẩm quyền phê duyệt.',
  'Bước 4: Trả kết quả tại Trung tâm Phục vụ hành chính công tỉnh, qua bưu chính hoặc trực tuyến.',
].join('\n');

const workingDays = (amount: number) => ({ amount, unit: 'working_days' as const });
const form = (name: string, file: string) => ({ name, url: `https://dichvucong.gov.vn/bieu-mau/${file}` });
const identityPapers = { code: 'GT_CCCD', name: 'Thẻ căn cước, căn cước công dân hoặc giấy tờ tùy thân có ảnh của người yêu cầu (xuất trình)', originals: 1, copies: 0, mandatory: true };
const authorisation = { code: 'GT_UQ', name: 'Văn bản ủy quyền có chứng thực (trường hợp ủy quyền nộp hồ sơ)', originals: 1, copies: 0, mandatory: false };
const oneCase = (c: Omit<ProcedureCaseInput, 'code'>): ProcedureCaseInput[] => [{ code: 'TH1', ...c }];

const CIVIL_STATUS = { code: 'HO_TICH', name: 'Hộ tịch' };
const CERTIFICATION = { code: 'CHUNG_THUC', name: 'Chứng thực' };
const LAND = { code: 'DAT_DAI', name: 'Đất đai' };
const HOUSEHOLD_BUSINESS = { code: 'HO_KINH_DOANH', name: 'Thành lập và hoạt động của hộ kinh doanh' };
const CONSTRUCTION_FIELD = { code: 'XAY_DUNG', name: 'Hoạt động xây dựng' };
const IDENTITY = { code: 'CAN_CUOC', name: 'Căn cước' };

const CIVIL_STATUS_LAW = [
  { number: '60/2014/QH13', title: 'Luật Hộ tịch' },
  { number: '123/2015/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch' },
  { number: '04/2020/TT-BTP', title: 'Thông tư quy định chi tiết thi hành Luật Hộ tịch và Nghị định 123/2015/NĐ-CP' },
];

export const DEMO_PROCEDURE_LIST: readonly DemoProcedure[] = [
  {
    code: DEMO_PROCEDURES.birthRegistration.code,
    name: 'Thủ tục đăng ký khai sinh',
    field: CIVIL_STATUS,
    ...commune,
    steps: STEPS_COMMUNE,
    methods: ALL_CHANNELS,
    targetApplicants: 'Cha, mẹ, ông, bà hoặc người thân thích khác của trẻ em; cá nhân, tổ chức đang nuôi dưỡng trẻ em',
    requirements: 'Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.',
    legalBasis: CIVIL_STATUS_LAW,
    results: [{ code: 'KQ_GKS', name: 'Giấy khai sinh (bản chính) và bản điện tử Giấy khai sinh' }],
    onlineLevel: 'full_online',
    guidance: 'Có thể đăng ký trực tuyến liên thông khai sinh – đăng ký thường trú – cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID.',
    videoUrl: 'https://www.youtube.com/watch?v=dangkykhaisinh',
    cases: [
      {
        code: 'TH1',
        name: 'Đăng ký khai sinh có Giấy chứng sinh',
        timeLimit: workingDays(1),
        cutOff: '15:00',
        fees: [{ description: 'Miễn lệ phí đăng ký khai sinh đúng hạn', amount: 0 }],
        components: [
          { code: 'GT_TK', name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, formTemplate: form('Tờ khai đăng ký khai sinh', 'to-khai-dang-ky-khai-sinh.docx') },
          { code: 'GT_GCS', name: 'Giấy chứng sinh', originals: 1, copies: 0 },
          identityPapers,
          authorisation,
        ],
      },
      {
        code: 'TH2',
        name: 'Đăng ký khai sinh không có Giấy chứng sinh (có văn bản của người làm chứng hoặc giấy cam đoan)',
        timeLimit: workingDays(3),
        cutOff: '15:00',
        fees: [{ description: 'Miễn lệ phí đăng ký khai sinh đúng hạn', amount: 0 }],
        components: [
          { code: 'GT_TK', name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, formTemplate: form('Tờ khai đăng ký khai sinh', 'to-khai-dang-ky-khai-sinh.docx') },
          { code: 'GT_LC', name: 'Văn bản xác nhận của người làm chứng về việc sinh hoặc giấy cam đoan về việc sinh', originals: 1, copies: 0 },
          identityPapers,
        ],
      },
    ],
    earlier: [{ effectiveFrom: '2016-01-01', changes: { onlineLevel: 'partly_online', legacyLevel: 3, methods: ['in_person', 'online'], implementingUnitsText: 'Ủy ban nhân dân cấp xã', guidance: null, videoUrl: null } }],
  },
  {
    code: DEMO_PROCEDURES.certifiedCopy.code,
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: CERTIFICATION,
    ...commune,
    steps: 'Bước 1: Người yêu cầu xuất trình bản chính và bản sao cần chứng thực tại Trung tâm Phục vụ hành chính công cấp xã.\nBước 2: Người thực hiện chứng thực đối chiếu bản sao với bản chính, ghi lời chứng, ký và đóng dấu.\nBước 3: Trả bản sao đã chứng thực.',
    methods: ['in_person'],
    targetApplicants: 'Cá nhân, tổ chức',
    requirements: 'Bản chính không bị tẩy xóa, sửa chữa, thêm, bớt nội dung; không bị hư hỏng, cũ nát đến mức không xác định được nội dung.',
    legalBasis: [
      { number: '23/2015/NĐ-CP', title: 'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch' },
      { number: '01/2020/TT-BTP', title: 'Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định 23/2015/NĐ-CP' },
      { number: '226/2016/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực' },
    ],
    results: [{ code: null, name: 'Bản sao được chứng thực từ bản chính' }],
    onlineLevel: 'offline',
    cases: oneCase({
      name: 'Chứng thực bản sao từ bản chính',
      timeLimit: workingDays(1),
      cutOff: '15:00',
      fees: [
        { description: 'Phí chứng thực trang thứ nhất và thứ hai (đồng/trang)', amount: 2000 },
        { description: 'Từ trang thứ ba trở lên (đồng/trang), tối đa 200.000 đồng/bản', amount: 1000 },
      ],
      components: [
        { code: 'GT_BC', name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', originals: 1, copies: 0 },
        { code: 'GT_BS', name: 'Bản sao cần chứng thực (nếu người yêu cầu tự sao)', originals: 0, copies: 1, mandatory: false },
      ],
    }),
    earlier: [{ effectiveFrom: '2017-01-01', changes: { implementingUnitsText: 'Ủy ban nhân dân cấp xã; Phòng Tư pháp cấp huyện', levels: ['district', 'commune'] } }],
  },
  {
    code: DEMO_PROCEDURES.businessHousehold.code,
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: HOUSEHOLD_BUSINESS,
    ...commune,
    steps: STEPS_COMMUNE,
    methods: ALL_CHANNELS,
    targetApplicants: 'Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ',
    requirements: 'Tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi cấp xã; ngành nghề kinh doanh không bị cấm.',
    legalBasis: [
      { number: '168/2025/NĐ-CP', title: 'Nghị định về đăng ký doanh nghiệp' },
      { number: '01/2021/NĐ-CP', title: 'Nghị định về đăng ký doanh nghiệp (áp dụng đến 30/6/2025)' },
    ],
    results: [{ code: 'KQ_HKD', name: 'Giấy chứng nhận đăng ký hộ kinh doanh' }],
    onlineLevel: 'full_online',
    cases: oneCase({
      name: 'Đăng ký thành lập hộ kinh doanh',
      timeLimit: workingDays(3),
      fees: [{ description: 'Lệ phí đăng ký hộ kinh doanh (theo Nghị quyết của HĐND tỉnh)', amount: 100000 }],
      components: [
        { code: 'GT_DN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', originals: 1, copies: 0, formTemplate: form('Giấy đề nghị đăng ký hộ kinh doanh', 'giay-de-nghi-dang-ky-ho-kinh-doanh.docx') },
        { code: 'GT_BB', name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu các thành viên cùng thành lập)', originals: 0, copies: 1, mandatory: false },
        authorisation,
      ],
    }),
  },
  {
    code: DEMO_PROCEDURES.landTransfer.code,
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho quyền sử dụng đất',
    field: LAND,
    levels: ['province'],
    implementingUnitCodes: [LAND_OFFICE, TAX],
    implementingUnitsText: 'Văn phòng Đăng ký đất đai tỉnh; cơ quan thuế (xác định nghĩa vụ tài chính)',
    steps: [
      'Bước 1: Người sử dụng đất nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh hoặc chi nhánh Văn phòng Đăng ký đất đai.',
      'Bước 2: Văn phòng Đăng ký đất đai kiểm tra hồ sơ, gửi thông tin địa chính đến cơ quan thuế để xác định nghĩa vụ tài chính (liên thông đất đai – thuế).',
      'Bước 3: Cơ quan thuế ra thông báo nộp thuế thu nhập cá nhân, lệ phí trước bạ; người sử dụng đất nộp tiền (thời gian này không tính vào thời hạn giải quyết).',
      'Bước 4: Văn phòng Đăng ký đất đai chỉnh lý hồ sơ địa chính, xác nhận biến động hoặc cấp Giấy chứng nhận mới; trả kết quả.',
    ].join('\n'),
    methods: ALL_CHANNELS,
    targetApplicants: 'Hộ gia đình, cá nhân, tổ chức sử dụng đất',
    requirements: 'Có Giấy chứng nhận; đất không có tranh chấp; quyền sử dụng đất không bị kê biên; trong thời hạn sử dụng đất (Luật Đất đai 2024, Điều 45).',
    legalBasis: [
      { number: '31/2024/QH15', title: 'Luật Đất đai' },
      { number: '101/2024/NĐ-CP', title: 'Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất đai' },
      { number: '151/2025/NĐ-CP', title: 'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai' },
    ],
    results: [{ code: 'KQ_GCN', name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc xác nhận biến động trên Giấy chứng nhận đã cấp' }],
    onlineLevel: 'partly_online',
    cases: [
      {
        code: 'TH1',
        name: 'Chuyển nhượng, tặng cho toàn bộ thửa đất (liên thông với cơ quan thuế)',
        timeLimit: workingDays(10),
        fees: [
          { description: 'Lệ phí cấp Giấy chứng nhận (theo Nghị quyết của HĐND tỉnh)', amount: 50000 },
          { description: 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', amount: 300000 },
          { description: 'Thuế thu nhập cá nhân 2% và lệ phí trước bạ 0,5% do cơ quan thuế xác định', amount: 0 },
        ],
        components: [
          { code: 'GT_DK', name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)', originals: 1, copies: 0, formTemplate: form('Mẫu số 11/ĐK', 'mau-11-dk.docx') },
          { code: 'GT_HD', name: 'Hợp đồng chuyển nhượng, tặng cho quyền sử dụng đất đã công chứng hoặc chứng thực', originals: 1, copies: 0 },
          { code: 'GT_GCN', name: 'Giấy chứng nhận đã cấp', originals: 1, copies: 0 },
          { code: 'GT_TK_TNCN', name: 'Tờ khai thuế thu nhập cá nhân (Mẫu 03/BĐS-TNCN)', originals: 1, copies: 0 },
          { code: 'GT_TK_LPTB', name: 'Tờ khai lệ phí trước bạ (Mẫu 01/LPTB)', originals: 1, copies: 0 },
        ],
      },
      {
        code: 'TH2',
        name: 'Chuyển nhượng, tặng cho một phần thửa đất (phải đo đạc, tách thửa)',
        timeLimit: workingDays(15),
        fees: [
          { description: 'Lệ phí cấp Giấy chứng nhận (theo Nghị quyết của HĐND tỉnh)', amount: 50000 },
          { description: 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', amount: 300000 },
        ],
        components: [
          { code: 'GT_DK', name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)', originals: 1, copies: 0, formTemplate: form('Mẫu số 11/ĐK', 'mau-11-dk.docx') },
          { code: 'GT_HD', name: 'Hợp đồng chuyển nhượng, tặng cho quyền sử dụng đất đã công chứng hoặc chứng thực', originals: 1, copies: 0 },
          { code: 'GT_GCN', name: 'Giấy chứng nhận đã cấp', originals: 1, copies: 0 },
          { code: 'GT_TRICHDO', name: 'Mảnh trích đo bản đồ địa chính thửa đất', originals: 1, copies: 0 },
        ],
      },
    ],
  },
  {
    code: DEMO_PROCEDURES.constructionPermit.code,
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II',
    field: CONSTRUCTION_FIELD,
    levels: ['province'],
    implementingUnitCodes: [CONSTRUCTION],
    implementingUnitsText: null,
    steps: STEPS_PROVINCE,
    methods: ALL_CHANNELS,
    targetApplicants: 'Chủ đầu tư xây dựng công trình',
    requirements: 'Phù hợp với quy hoạch xây dựng; thiết kế xây dựng đã được thẩm định theo quy định.',
    legalBasis: [
      { number: '50/2014/QH13', title: 'Luật Xây dựng (sửa đổi, bổ sung bởi Luật số 62/2020/QH14)' },
      { number: '175/2024/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng' },
    ],
    results: [{ code: 'KQ_GPXD', name: 'Giấy phép xây dựng' }],
    onlineLevel: 'partly_online',
    cases: oneCase({
      name: 'Công trình không theo tuyến',
      timeLimit: workingDays(20),
      fees: [{ description: 'Lệ phí cấp giấy phép xây dựng công trình', amount: 150000 }],
      components: [
        { code: 'GT_DN', name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)', originals: 1, copies: 0, formTemplate: form('Mẫu số 01', 'mau-01-gpxd.docx') },
        { code: 'GT_QSDD', name: 'Giấy tờ hợp pháp về quyền sử dụng đất', originals: 0, copies: 1 },
        { code: 'GT_TK', name: 'Hai bộ bản vẽ thiết kế xây dựng', originals: 2, copies: 0 },
        { code: 'GT_TD', name: 'Văn bản thông báo kết quả thẩm định thiết kế của cơ quan chuyên môn về xây dựng', originals: 0, copies: 1 },
      ],
    }),
  },
  {
    code: DEMO_PROCEDURES.identityCard.code,
    name: 'Cấp thẻ căn cước cho công dân Việt Nam từ đủ 14 tuổi trở lên',
    field: IDENTITY,
    levels: ['province'],
    implementingUnitCodes: [POLICE],
    implementingUnitsText: 'Công an tỉnh (Phòng Cảnh sát quản lý hành chính về trật tự xã hội); Công an cấp xã',
    steps: 'Bước 1: Công dân đến cơ quan quản lý căn cước, xuất trình thông tin.\nBước 2: Cán bộ thu nhận thông tin, ảnh khuôn mặt, vân tay, mống mắt.\nBước 3: Công dân nhận giấy hẹn; thẻ được trả tại nơi làm thủ tục hoặc qua bưu chính.',
    methods: ['in_person', 'postal'],
    targetApplicants: 'Công dân Việt Nam từ đủ 14 tuổi trở lên',
    requirements: null,
    legalBasis: [
      { number: '26/2023/QH15', title: 'Luật Căn cước' },
      { number: '70/2024/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Căn cước' },
      { number: '73/2024/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng lệ phí cấp thẻ căn cước' },
    ],
    results: [{ code: 'KQ_CC', name: 'Thẻ căn cước' }],
    onlineLevel: 'offline',
    cases: oneCase({
      name: 'Cấp thẻ căn cước lần đầu',
      timeLimit: workingDays(7),
      fees: [{ description: 'Cấp thẻ căn cước lần đầu: không thu lệ phí', amount: 0 }],
      components: [{ code: 'GT_TK', name: 'Tờ khai thay đổi thông tin cư trú hoặc đề nghị cấp thẻ căn cước (nếu có thông tin thay đổi)', originals: 1, copies: 0, mandatory: false }],
    }),
  },
  {
    code: '1.000894',
    name: 'Thủ tục đăng ký kết hôn',
    field: CIVIL_STATUS,
    ...commune,
    steps: STEPS_COMMUNE,
    methods: ALL_CHANNELS,
    targetApplicants: 'Nam, nữ đủ điều kiện kết hôn theo Luật Hôn nhân và gia đình',
    requirements: 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; tự nguyện; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn. Hai bên phải có mặt khi đăng ký.',
    legalBasis: [...CIVIL_STATUS_LAW, { number: '52/2014/QH13', title: 'Luật Hôn nhân và gia đình' }],
    results: [{ code: 'KQ_GCNKH', name: 'Giấy chứng nhận kết hôn' }],
    onlineLevel: 'partly_online',
    cases: oneCase({
      name: 'Đăng ký kết hôn giữa công dân Việt Nam cư trú trong nước',
      timeLimit: workingDays(1),
      cutOff: '15:00',
      fees: [{ description: 'Miễn lệ phí đăng ký kết hôn', amount: 0 }],
      components: [
        { code: 'GT_TK', name: 'Tờ khai đăng ký kết hôn', originals: 1, copies: 0, formTemplate: form('Tờ khai đăng ký kết hôn', 'to-khai-dang-ky-ket-hon.docx') },
        { code: 'GT_XNHN', name: 'Giấy xác nhận tình trạng hôn nhân (nếu đăng ký tại nơi không thường trú)', originals: 1, copies: 0, mandatory: false },
        identityPapers,
      ],
    }),
  },
  {
    code: '2.001023',
    name: 'Chi trả trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội',
    field: { code: 'BAO_TRO_XA_HOI', name: 'Bảo trợ xã hội' },
    ...commune,
    steps: STEPS_COMMUNE,
    methods: ['in_person', 'online', 'postal'],
    targetApplicants: 'Người cao tuổi, người khuyết tật, trẻ em có hoàn cảnh đặc biệt và các đối tượng theo Điều 5 Nghị định 20/2021/NĐ-CP',
    requirements: null,
    legalBasis: [{ number: '20/2021/NĐ-CP', title: 'Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội' }, { number: '76/2024/NĐ-CP', title: 'Nghị định sửa đổi, bổ sung Nghị định 20/2021/NĐ-CP' }],
    results: [{ code: null, name: 'Quyết định trợ cấp xã hội hằng tháng của Chủ tịch Ủy ban nhân dân cấp xã' }],
    onlineLevel: 'partly_online',
    cases: oneCase({
      name: 'Hưởng trợ cấp xã hội hằng tháng',
      timeLimit: workingDays(10),
      fees: [],
      components: [{ code: 'GT_TK', name: 'Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a–1đ)', originals: 1, copies: 0, formTemplate: form('Mẫu số 1a', 'mau-1a-tro-giup-xa-hoi.docx') }],
    }),
  },
];

// Units referenced only for documentation of the demo catalogue.
export const DEMO_CATALOGUE_UNITS = { PROVINCE_CENTRE, JUSTICE, AGRICULTURE_ENVIRONMENT, HOME_AFFAIRS } as const;

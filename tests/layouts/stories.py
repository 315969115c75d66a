"""Article texts for the layout corpus, written for it in the style of provincial union news."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

# Invented people, units and firms; the places are real districts of the provinces covered.
NAMES = ["Trần Minh Khoa", "Lê Thị Ngọc Hân", "Nguyễn Văn Tường", "Huỳnh Thanh Nhã",
         "Phạm Quốc Bảo", "Võ Thị Kim Liên", "Đặng Hữu Phước", "Lý Thu Thảo", "Châu Gia Hưng",
         "Tô Mỹ Duyên", "Dương Tấn Lộc", "Mai Xuân Trúc"]
FIRMS = ["Công ty TNHH May mặc Tân Lộc Phát", "Công ty CP Chế biến Nông sản Mỹ Thạnh",
         "Công ty TNHH Giày da Phú Khang", "Công ty TNHH Điện tử Hưng Long Việt",
         "Công ty CP Thủy sản Sông Hậu Xanh", "Công ty TNHH Bao bì Kim Thành"]
PLACES = ["huyện Cờ Đỏ", "quận Ninh Kiều", "huyện Mỹ Tú", "thị xã Vĩnh Châu", "huyện Cầu Ngang",
          "huyện Đạ Tẻh", "huyện Di Linh", "quận Bình Thủy", "huyện Trà Cú", "huyện Lâm Hà"]
UNITS = ["Liên đoàn Lao động {place}", "Công đoàn Viên chức tỉnh", "Công đoàn ngành Giáo dục",
         "Công đoàn các Khu công nghiệp", "Ban Nữ công Liên đoàn Lao động tỉnh"]

# Each story: a title and paragraphs with slots; {event} is a date inside the body, never the
# publication date, and {resolution} cites an old document date on purpose.
STORIES = [
    {"title": "{unit} trao {n} suất quà cho đoàn viên có hoàn cảnh khó khăn",
     "paras": [
         "{event_phrase}, {unit} phối hợp với {firm} tổ chức chương trình trao quà cho đoàn viên, "
         "người lao động có hoàn cảnh khó khăn tại {place}.",
         "Mỗi suất quà gồm tiền mặt và nhu yếu phẩm trị giá {m}00.000 đồng. Tổng kinh phí chương trình "
         "hơn {k} triệu đồng, được vận động từ các doanh nghiệp và mạnh thường quân trên địa bàn.",
         "Phát biểu tại buổi trao quà, đồng chí {name}, Chủ tịch {unit}, cho biết đây là hoạt động "
         "thường xuyên nhằm chăm lo đời sống vật chất, tinh thần cho đoàn viên, giúp người lao động "
         "yên tâm gắn bó lâu dài với doanh nghiệp.",
         "Dịp này, công đoàn cơ sở cũng tuyên dương {n2} đoàn viên có thành tích xuất sắc trong phong "
         "trào thi đua lao động giỏi, lao động sáng tạo năm qua.",
     ],
     "captions": ["Đồng chí {name} trao quà cho đoàn viên", "Quang cảnh buổi trao quà tại {place}"]},
    {"title": "Tập huấn nghiệp vụ công tác công đoàn cho cán bộ công đoàn cơ sở năm {year}",
     "paras": [
         "{event_phrase}, {unit} khai mạc lớp tập huấn nghiệp vụ cho hơn {n} cán bộ công đoàn cơ "
         "sở thuộc các doanh nghiệp ngoài nhà nước trên địa bàn {place}.",
         "Trong hai ngày, học viên được truyền đạt các chuyên đề về kỹ năng đối thoại tại nơi làm việc, "
         "thương lượng tập thể, quản lý tài chính công đoàn và triển khai Nghị quyết số 02-NQ/TW "
         "ngày {resolution} của Bộ Chính trị về đổi mới tổ chức và hoạt động của Công đoàn.",
         "Theo đồng chí {name}, Phó Chủ tịch {unit}, nhiều cán bộ công đoàn cơ sở kiêm nhiệm, thay "
         "đổi thường xuyên nên việc bồi dưỡng kiến thức, kỹ năng là yêu cầu cấp thiết để bảo vệ quyền "
         "và lợi ích hợp pháp của người lao động.",
         "Kết thúc lớp học, các học viên làm bài thu hoạch và được cấp giấy chứng nhận hoàn thành "
         "chương trình.",
     ],
     "captions": ["Học viên tham dự lớp tập huấn", "Đồng chí {name} phát biểu khai mạc lớp tập huấn"]},
    {"title": "Hội thao công nhân viên chức lao động {place} thu hút {n} vận động viên",
     "paras": [
         "{event_phrase}, tại nhà thi đấu đa năng {place}, {unit} tổ chức khai mạc Hội thao công nhân "
         "viên chức lao động chào mừng ngày thành lập Công đoàn Việt Nam.",
         "Hội thao có {n} vận động viên đến từ {n2} công đoàn cơ sở tranh tài ở các môn bóng chuyền "
         "hơi, kéo co, cầu lông và cờ tướng. Các trận đấu diễn ra sôi nổi, đoàn kết, đúng tinh thần "
         "thể thao.",
         "Ông {name}, đại diện Ban Tổ chức, cho biết hội thao là dịp để đoàn viên rèn luyện sức khỏe, "
         "giao lưu học hỏi sau những giờ lao động căng thẳng, đồng thời góp phần xây dựng tổ chức công "
         "đoàn vững mạnh.",
         "Kết quả, đội {firm} giành giải nhất toàn đoàn; Ban Tổ chức trao {k} giải cho các cá nhân và "
         "tập thể xuất sắc.",
     ],
     "captions": ["Các đội thi đấu môn kéo co", "Lãnh đạo {unit} trao cúp cho đội vô địch"]},
    {"title": "Tuyên truyền pháp luật lao động cho công nhân {firm}",
     "paras": [
         "{event_phrase}, {unit} phối hợp Phòng Lao động - Thương binh và Xã hội {place} tổ chức buổi "
         "tuyên truyền, phổ biến pháp luật cho gần {n} công nhân đang làm việc tại {firm}.",
         "Tại buổi tuyên truyền, báo cáo viên giới thiệu những điểm mới của Bộ luật Lao động, Luật Bảo "
         "hiểm xã hội sửa đổi và chế độ nghỉ thai sản đối với lao động nữ. Nhiều công nhân đặt câu hỏi "
         "về tiền lương làm thêm giờ và hợp đồng lao động.",
         "Chị {name}, công nhân tổ cắt, chia sẻ: Trước đây tôi chưa hiểu rõ quyền lợi khi nghỉ ốm, sau "
         "buổi hôm nay tôi đã biết cách làm hồ sơ và liên hệ công đoàn khi cần giúp đỡ.",
         "Dự kiến đến cuối năm {year}, {unit} sẽ tổ chức thêm {n2} buổi tuyên truyền tại các doanh "
         "nghiệp có đông lao động.",
     ],
     "captions": ["Báo cáo viên trao đổi với công nhân", "Công nhân {firm} tham dự buổi tuyên truyền"]},
    {"title": "Bàn giao Mái ấm Công đoàn cho đoàn viên tại {place}",
     "paras": [
         "{event_phrase}, {unit} tổ chức lễ bàn giao Mái ấm Công đoàn cho gia đình đoàn viên {name} "
         "đang làm việc tại {firm}.",
         "Căn nhà có diện tích {n} mét vuông, tổng kinh phí xây dựng khoảng {k} triệu đồng, trong đó "
         "Quỹ Xã hội Công đoàn hỗ trợ {m}0 triệu đồng, phần còn lại do gia đình và người thân đóng góp.",
         "Xúc động nhận chìa khóa nhà mới, anh {name} bày tỏ lòng biết ơn tổ chức công đoàn và hứa sẽ "
         "tiếp tục gắn bó với doanh nghiệp, lao động sản xuất giỏi để vươn lên trong cuộc sống.",
         "Từ đầu năm đến nay, {unit} đã hỗ trợ xây mới và sửa chữa {n2} Mái ấm Công đoàn cho đoàn viên "
         "có hoàn cảnh khó khăn về nhà ở.",
     ],
     "captions": ["Trao quyết định bàn giao Mái ấm Công đoàn", "Căn nhà mới của gia đình anh {name}"]},
    {"title": "Đại hội Công đoàn cơ sở {firm} nhiệm kỳ {year}-{year5}",
     "paras": [
         "{event_phrase}, Công đoàn cơ sở {firm} tổ chức đại hội nhiệm kỳ {year}-{year5} với sự tham "
         "dự của {n} đại biểu đại diện cho hơn {k} đoàn viên.",
         "Nhiệm kỳ qua, công đoàn cơ sở đã phối hợp với chủ doanh nghiệp tổ chức đối thoại định kỳ, ký "
         "kết thỏa ước lao động tập thể với nhiều điều khoản có lợi hơn quy định của pháp luật, chăm lo "
         "tốt bữa ăn giữa ca cho người lao động.",
         "Đại hội đã bầu Ban Chấp hành gồm {n2} đồng chí; đồng chí {name} được tín nhiệm bầu giữ chức "
         "Chủ tịch Công đoàn cơ sở.",
         "Phát biểu chỉ đạo, đại diện {unit} đề nghị Ban Chấp hành khóa mới tập trung phát triển đoàn "
         "viên, nâng cao chất lượng hoạt động và đồng hành cùng doanh nghiệp vượt qua khó khăn.",
     ],
     "captions": ["Ban Chấp hành khóa mới ra mắt đại hội", "Các đại biểu biểu quyết thông qua nghị quyết"]},
    {"title": "Chuyến xe Công đoàn đưa {n} công nhân về quê đón Tết",
     "paras": [
         "{event_phrase}, {unit} tổ chức chương trình Chuyến xe Công đoàn đưa {n} đoàn viên, người lao "
         "động có hoàn cảnh khó khăn về quê đón Tết Nguyên đán.",
         "Các chuyến xe xuất phát từ khu nhà trọ công nhân tại {place}, đi các tỉnh miền Trung và miền "
         "Bắc. Mỗi người lao động được tặng vé xe miễn phí cùng một phần quà gồm bánh kẹo và khẩu trang.",
         "Anh {name}, công nhân {firm}, cho biết đã ba năm chưa về quê vì chi phí đi lại cao, năm nay "
         "nhờ có chuyến xe của công đoàn mà cả gia đình được sum họp.",
         "Chương trình nằm trong chuỗi hoạt động Tết Sum vầy năm {year}, với tổng kinh phí hơn {k} "
         "triệu đồng.",
     ],
     "captions": ["Công nhân lên xe về quê đón Tết", "Lãnh đạo {unit} tặng quà cho người lao động"]},
    {"title": "Khám sức khỏe miễn phí cho {n} nữ đoàn viên",
     "paras": [
         "{event_phrase}, Ban Nữ công {unit} phối hợp Trung tâm Y tế {place} tổ chức khám sức khỏe "
         "sinh sản miễn phí cho {n} nữ đoàn viên, người lao động.",
         "Các y, bác sĩ đã khám tổng quát, siêu âm, tư vấn dinh dưỡng và cách phòng ngừa một số bệnh "
         "thường gặp ở phụ nữ. Những trường hợp có dấu hiệu bất thường được hướng dẫn điều trị kịp thời.",
         "Chị {name}, nữ công nhân {firm}, cho biết công việc theo ca nên ít có thời gian đi khám, "
         "chương trình giúp chị yên tâm hơn về sức khỏe của bản thân.",
         "Đây là năm thứ {n2} liên tiếp hoạt động này được tổ chức, góp phần thực hiện tốt chính sách "
         "đối với lao động nữ theo quy định của pháp luật.",
     ],
     "captions": ["Bác sĩ khám cho nữ đoàn viên", "Nữ đoàn viên được tư vấn sức khỏe"]},
]

# How a union site writes the date of the event in the lead: never the publication date.
EVENT_PHRASES = ["Ngày {d}/{mo}/{y}", "Sáng ngày {d}/{mo}", "Chiều ngày {d}.{mo}", "Ngày {d} tháng {mo} năm {y}",
                 "Vừa qua", "Sáng {d}-{mo}", "Trong hai ngày {d} và {d2}/{mo}"]


def make_story(rng: random.Random, index: int) -> dict:
    """One article: title, paragraphs, captions, people and dates, filled from the slots above."""
    story = STORIES[index % len(STORIES)]
    published = datetime(2019, 1, 5, 7, 0) + timedelta(days=rng.randrange(0, 2400),
                                                         minutes=rng.randrange(0, 900))
    event = published - timedelta(days=rng.randrange(1, 5))
    place = rng.choice(PLACES)
    name = rng.choice(NAMES)
    slots = {
        "place": place, "name": name, "firm": rng.choice(FIRMS),
        "unit": rng.choice(UNITS).format(place=place), "n": rng.randrange(30, 480),
        "n2": rng.randrange(3, 19), "m": rng.randrange(3, 9), "k": rng.randrange(40, 900),
        "year": published.year, "year5": published.year + 5,
        "resolution": f"{rng.randrange(1, 28)}/{rng.randrange(1, 12)}/20{rng.randrange(15, 21)}",
    }
    phrase = rng.choice(EVENT_PHRASES).format(d=event.day, d2=event.day + 1, mo=event.month, y=event.year)
    slots["event_phrase"] = phrase
    fill = lambda text: text.format(**slots)  # noqa: E731
    paras = [fill(p) for p in story["paras"]]
    return {"title": fill(story["title"]), "paras": paras, "captions": [fill(c) for c in story["captions"]],
            "published": published, "name": name, "place": place, "unit": slots["unit"]}

extension MailText {
    static let english = MailText(
        headline: [
            .check: "A communication check awaits your acknowledgement", .request: "A request awaits you",
            .answer: "An answer to your request awaits you", .acknowledgement: "An acknowledgement awaits you",
            .overdue: "A deadline has passed without an answer", .closed: "A request has been closed",
        ],
        forum: "Forum", act: "Act in the log", open: "Open", nonce: "Challenge to return in your signed acknowledgement",
        deadline: "Deadline (UTC)",
        footer: "This message carries no sealed content. Open the link with your token to read what awaits you.", colon: ": ")

    static let french = MailText(
        headline: [
            .check: "Un contrôle de communication attend votre accusé de réception", .request: "Une demande vous attend",
            .answer: "Une réponse à votre demande vous attend", .acknowledgement: "Un accusé de réception vous attend",
            .overdue: "Un délai a expiré sans réponse", .closed: "Une demande a été close",
        ],
        forum: "Forum", act: "Acte dans le journal", open: "Ouvrir", nonce: "Défi à renvoyer dans votre accusé de réception signé",
        deadline: "Échéance (UTC)",
        footer: "Ce message ne contient aucun contenu scellé. Ouvrez le lien avec votre jeton pour lire ce qui vous attend.", colon: " : ")

    static let spanish = MailText(
        headline: [
            .check: "Una comprobación de comunicación espera su acuse de recibo", .request: "Una solicitud le espera",
            .answer: "Una respuesta a su solicitud le espera", .acknowledgement: "Un acuse de recibo le espera",
            .overdue: "Ha vencido un plazo sin respuesta", .closed: "Se ha cerrado una solicitud",
        ],
        forum: "Foro", act: "Acto en el registro", open: "Abrir", nonce: "Desafío que debe devolver en su acuse de recibo firmado",
        deadline: "Plazo (UTC)",
        footer: "Este mensaje no contiene ningún contenido sellado. Abra el enlace con su token para leer lo que le espera.", colon: ": ")

    static let russian = MailText(
        headline: [
            .check: "Проверка связи ожидает вашего подтверждения", .request: "Вас ожидает запрос",
            .answer: "Вас ожидает ответ на ваш запрос", .acknowledgement: "Вас ожидает подтверждение получения",
            .overdue: "Срок истёк без ответа", .closed: "Запрос закрыт",
        ],
        forum: "Форум", act: "Акт в журнале", open: "Открыть", nonce: "Код, который нужно вернуть в подписанном подтверждении",
        deadline: "Срок (UTC)",
        footer: "Это сообщение не содержит запечатанного содержимого. Откройте ссылку со своим токеном, чтобы прочитать, что вас ожидает.",
        colon: ": ")

    static let chinese = MailText(
        headline: [
            .check: "一项通信检查等待您确认", .request: "一项请求等待您处理", .answer: "您的请求已有答复",
            .acknowledgement: "一份确认回执等待您查看", .overdue: "期限已过，尚未答复", .closed: "一项请求已关闭",
        ],
        forum: "论坛", act: "日志中的行为编号", open: "打开", nonce: "需在签名确认中返回的质询码", deadline: "截止时间（UTC）",
        footer: "本邮件不含任何密封内容。请使用您的令牌打开链接，查看等待您处理的事项。", colon: "：")

    static let arabic = MailText(
        headline: [
            .check: "فحص اتصال ينتظر إقرارك", .request: "طلب في انتظارك", .answer: "رد على طلبك في انتظارك",
            .acknowledgement: "إقرار بالاستلام في انتظارك", .overdue: "انقضت مهلة دون رد", .closed: "أُغلق طلب",
        ],
        forum: "المنتدى", act: "الفعل في السجل", open: "افتح", nonce: "رمز التحقق الذي يجب إعادته في إقرارك الموقّع",
        deadline: "الموعد النهائي (UTC)", footer: "لا تحمل هذه الرسالة أي محتوى مختوم. افتح الرابط باستخدام رمزك المميز لقراءة ما ينتظرك.",
        colon: ": ")
}

/// Word lists for readable demo data. Fictional artists; accents exercise UTF-8 end to end.
enum SeedNames {
    static let firstNames = [
        "Ana", "Bruno", "Camila", "Diego", "Elena", "Facundo", "Gabriela", "Hernan", "Ines", "Joaquin",
        "Lucia", "Martin", "Natalia", "Pablo", "Romina", "Santiago", "Sofia", "Tomas", "Valentina", "Agustin",
    ]
    static let lastNames: [(display: String, ascii: String)] = [
        ("Rodríguez", "rodriguez"), ("González", "gonzalez"), ("Fernández", "fernandez"), ("Pérez", "perez"),
        ("Silva", "silva"), ("Martínez", "martinez"), ("Sosa", "sosa"), ("Suárez", "suarez"),
        ("Díaz", "diaz"), ("Núñez", "nunez"), ("Acosta", "acosta"), ("Olivera", "olivera"),
    ]
    static let artists = [
        "Los Tambores del Sur", "Candombe Eléctrico", "La Murga Nocturna", "Orquesta del Puerto",
        "Marea Baja", "Los Herederos", "Cielo de Enero", "Trío Rambla", "Banda Oriental", "Noches de Ciudad Vieja",
    ]
    static let shows = ["en vivo", "Gira Aniversario", "Noche de Estreno", "Acústico", "Despedida", "Concierto Sinfónico"]
    static let festivals = ["Festival de Verano", "Festival del Sur", "Carnaval Abierto"]
    static let venues = [
        ("Arena Montevideo", "Montevideo"), ("Teatro del Prado", "Montevideo"), ("Sala Ciudad Vieja", "Montevideo"),
        ("Anfiteatro del Este", "Punta del Este"), ("Estadio del Litoral", "Salto"), ("Teatro Larrañaga", "Salto"),
        ("Parque de la Costa", "Colonia del Sacramento"), ("Auditorio Central", "Buenos Aires"),
    ]
    static let sections = ["Campo", "Platea Baja", "Platea Alta", "Tribuna Norte", "Tribuna Sur", "Palco", "General"]
}
